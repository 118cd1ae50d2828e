namespace ChatClean.Application.Common;

/// <summary>A request sent on behalf of an authenticated caller.</summary>
public interface ICallerRequest
{
    Caller Caller { get; }
}
