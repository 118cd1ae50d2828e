using ChatClean.Application.Common;
using ChatClean.Application.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Redis;

/// <summary>Presence settings (section <c>Realtime</c>): how long a sign of life lasts.</summary>
public sealed record PresenceOptions(TimeSpan Expiry)
{
    public static PresenceOptions From(IConfiguration configuration) =>
        new(configuration.Optional("Realtime:PresenceExpiry", TimeSpan.FromSeconds(60), new PositiveAttribute()));
}
