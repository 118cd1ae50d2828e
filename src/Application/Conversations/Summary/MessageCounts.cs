using System.Text.Json.Serialization;

namespace ChatClean.Application.Conversations;

/// <summary>Messages by sender.</summary>
public sealed record MessageCounts(int Customer, int Ai, int Agent, int System)
{
    public static MessageCounts None { get; } = new(0, 0, 0, 0);

    [JsonIgnore]
    public int Total => Customer + Ai + Agent + System;

    public MessageCounts Add(SenderKind sender) => sender switch
    {
        SenderKind.Customer => this with { Customer = Customer + 1 },
        SenderKind.Ai => this with { Ai = Ai + 1 },
        SenderKind.Agent => this with { Agent = Agent + 1 },
        _ => this with { System = System + 1 },
    };
}
