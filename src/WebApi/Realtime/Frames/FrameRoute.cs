namespace ChatClean.WebApi.Realtime;

/// <summary>
/// What a client frame type does. Most stand for a Mediator request, the same one the REST endpoint sends, answered
/// with an <c>ack</c> (<see cref="Acks"/>); a few are the gateway's own (ping, resume, typing).
/// </summary>
public sealed record FrameRoute(string Type, Func<FrameContext, CancellationToken, Task> HandleAsync)
{
    /// <summary>
    /// A frame that sends the request <paramref name="request"/> builds and answers with its <c>ack</c>;
    /// <paramref name="then"/> runs after the ack (following the conversation), so the ack comes before the frames it brings.
    /// </summary>
    public static FrameRoute Request(string type, Func<FrameContext, object> request, Func<FrameContext, object?, CancellationToken, Task>? then = null) =>
        new(type, async (frame, cancellationToken) =>
        {
            var result = await frame.Services.GetRequiredService<IMediator>().Send(request(frame), cancellationToken);
            frame.Connection.Send(Acks.For(frame.Ref, result));
            if (then is not null)
            {
                await then(frame, result, cancellationToken);
            }
        });
}
