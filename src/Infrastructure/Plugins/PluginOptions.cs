using ChatClean.Application.Common;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>Section <c>Plugins</c>: where plugins are loaded from and how long a hook may take.</summary>
public sealed class PluginOptions
{
    public const string SectionName = "Plugins";

    /// <summary>A folder whose <c>*.dll</c> files are searched for plugins (key <c>Plugins:Folder</c>); none by default.</summary>
    public string? Folder { get; set; }

    /// <summary>How long one hook call may take before it is abandoned (key <c>Plugins:Timeout</c>).</summary>
    [Positive]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Notices waiting for the observers (key <c>Plugins:QueueCapacity</c>); beyond it the oldest are dropped and counted.</summary>
    [Positive]
    public int QueueCapacity { get; set; } = 10_000;
}
