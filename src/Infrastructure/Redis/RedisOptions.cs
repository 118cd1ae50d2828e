using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Configuration section <c>Redis</c> (the connection itself is <c>ConnectionStrings:Redis</c>).</summary>
public sealed class RedisOptions
{
    /// <summary>Prefix of every channel and key this deployment uses in Redis.</summary>
    [NotEmpty]
    public string Prefix { get; set; } = "chatclean";
}
