using System.Text.Json;
using Mediator;

namespace ChatClean.WebApi.Realtime;

/// <summary>A frame the client sent was unusable: answered with an <c>error</c> frame carrying <see cref="Code"/>.</summary>
public sealed class FrameException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>One client frame being handled: the connection, the parsed JSON and typed access to its fields.</summary>
public sealed class FrameContext(ClientConnection connection, JsonElement frame, IMediator mediator)
{
    public ClientConnection Connection { get; } = connection;

    public IMediator Mediator { get; } = mediator;

    public JsonElement Frame { get; } = frame;

    /// <summary>The client's reference for this frame (its <c>ref</c>, or the <c>clientMessageId</c> of a send), echoed in the answer.</summary>
    public string? Ref => OptionalString("ref") ?? OptionalString("clientMessageId");

    public Guid RequiredGuid(string name) =>
        Frame.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw new FrameException("frame.invalid", $"'{name}' is required and must be a UUID.");

    public string RequiredString(string name) =>
        OptionalString(name) is { Length: > 0 } text ? text : throw new FrameException("frame.invalid", $"'{name}' is required and must be a string.");

    public string? OptionalString(string name)
    {
        if (!Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw new FrameException("frame.invalid", $"'{name}' must be a string.");
    }

    public long OptionalLong(string name, long fallback)
    {
        if (!Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return fallback;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw new FrameException("frame.invalid", $"'{name}' must be a whole number of 0 or more.");
    }

    public bool OptionalBool(string name, bool fallback) =>
        !Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? fallback
            : value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new FrameException("frame.invalid", $"'{name}' must be true or false."),
            };

    public void Ack(Guid conversationId, long version, object? extra = null) =>
        Connection.Send(ServerFrame.Create("ack", new { Ref, ConversationId = conversationId, Version = version, Extra = extra }));
}

/// <summary>Handles one type of client frame. Every change goes through the same Mediator command as the REST API.</summary>
public interface IFrameHandler
{
    /// <summary>The frame <c>type</c> handled, e.g. <c>message.send</c>.</summary>
    string Type { get; }

    ValueTask HandleAsync(FrameContext context, CancellationToken cancellationToken);
}
