namespace ChatClean.Application.Abstractions.EventStore;

/// <summary>What the writer believes the stream's revision is: any, no stream yet, an existing stream, or an exact revision.</summary>
public readonly record struct ExpectedRevision
{
    private const long AnyValue = -2;
    private const long StreamExistsValue = -1;

    private ExpectedRevision(long value) => Value = value;

    public static ExpectedRevision Any { get; } = new(AnyValue);

    /// <summary>The stream must not exist yet (revision 0).</summary>
    public static ExpectedRevision NoStream { get; } = new(0);

    public static ExpectedRevision StreamExists { get; } = new(StreamExistsValue);

    public long Value { get; }

    public static ExpectedRevision Exact(long revision) =>
        revision >= 0 ? new ExpectedRevision(revision) : throw new ArgumentOutOfRangeException(nameof(revision));

    public bool IsSatisfiedBy(long currentRevision) => Value switch
    {
        AnyValue => true,
        StreamExistsValue => currentRevision > 0,
        _ => currentRevision == Value,
    };

    public override string ToString() => Value switch
    {
        AnyValue => "any",
        StreamExistsValue => "stream-exists",
        0 => "no-stream",
        _ => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
