namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>Admin conversation search: every field optional; <see cref="Text"/> searches message bodies.</summary>
public sealed record ConversationFilter(
    ConversationMode? Mode,
    Guid? AgentId,
    Guid? CustomerId,
    DateTimeOffset? StartedFrom,
    DateTimeOffset? StartedTo,
    string? Text,
    ConversationCursor? After,
    int Limit);
