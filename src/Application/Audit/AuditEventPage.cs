using ChatClean.Application.Abstractions.Audit;

namespace ChatClean.Application.Audit;

/// <summary>A page of stored events and where the next one starts (a seq within a stream, a position in the log); null at the end.</summary>
public sealed record AuditEventPage(IReadOnlyList<AuditEvent> Items, long? Next);
