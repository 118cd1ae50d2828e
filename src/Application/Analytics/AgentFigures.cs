namespace ChatClean.Application.Analytics;

/// <summary>An agent's figures; <see cref="Username"/> and <see cref="DisplayName"/> are filled in from the accounts.</summary>
public sealed record AgentFigures(
    Guid AgentId,
    int Takeovers,
    int TransfersReceived,
    int ActiveSessions,
    Stats FirstResponseTime,
    Stats HandlingTime,
    string? Username = null,
    string? DisplayName = null);
