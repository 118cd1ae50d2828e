using System.Globalization;

namespace ChatClean.WebApi.Infrastructure;

/// <summary>Limits the operating system puts on this process.</summary>
public static class ProcessLimits
{
    /// <summary>
    /// The soft limit on open files (<c>ulimit -n</c>): every socket takes one. Read from <c>/proc/self/limits</c>;
    /// null where there is none (not Linux) or no limit.
    /// </summary>
    public static long? OpenFiles()
    {
        try
        {
            var line = File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
            var soft = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return long.TryParse(soft, NumberStyles.None, CultureInfo.InvariantCulture, out var files) ? files : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
