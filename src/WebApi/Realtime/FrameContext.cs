using System.Text.Json;

namespace ChatClean.WebApi.Realtime;

/// <summary>One client frame being handled: the connection, the parsed JSON and typed access to its fields.</summary>
public sealed class FrameContext(ClientConnection connection, JsonElement frame, IServiceProvider services)
{
    public ClientConnection Connection { get; } = connection;

    public Caller Caller => Connection.Caller;

    /// <summary>The services of this frame's own scope.</summary>
    public IServiceProvider Services { get; } = services;

    public JsonElement Frame { get; } = frame;

    /// <summary>The client's reference for this frame (its <c>ref</c>, or the <c>clientMessageId</c> of a send), echoed in the answer.</summary>
    public string? Ref => OptionalString("ref") ?? OptionalString("clientMessageId");

    public Guid RequiredGuid(string name) =>
        OptionalGuid(name) ?? throw new FrameException("frame.invalid", $"'{name}' is required and must be a UUID.");

    public Guid? OptionalGuid(string name)
    {
        if (!Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id)
            ? id
            : throw new FrameException("frame.invalid", $"'{name}' must be a UUID.");
    }

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

    public long OptionalLong(string name, long fallback) => OptionalNumber(name) ?? fallback;

    /// <summary>A whole number of any sign, left for the request's validation to judge (as over REST).</summary>
    public int? OptionalInteger(string name)
    {
        if (!Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : throw new FrameException("frame.invalid", $"'{name}' must be a whole number.");
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

    private long? OptionalNumber(string name)
    {
        if (!Frame.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= 0
            ? number
            : throw new FrameException("frame.invalid", $"'{name}' must be a whole number of 0 or more.");
    }
}
