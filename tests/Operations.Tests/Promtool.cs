using System.Diagnostics;

namespace ChatClean.Operations.Tests;

/// <summary>
/// Debian's <c>promtool</c> (package <c>prometheus</c>; <c>scripts/test.sh</c> installs it). Where it is missing, a
/// test that needs it is skipped with the reason, except on CI (<c>CI=true</c>), where it fails.
/// </summary>
public static class Promtool
{
    public static string? Path { get; } = Find();

    public static bool OnCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs promtool in <paramref name="workingDirectory"/> and returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var promtool = Path ?? throw new InvalidOperationException(
            "promtool is not installed and CI=true: install Debian's prometheus package (scripts/test.sh does).");
        var info = new ProcessStartInfo(promtool, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("promtool did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"promtool {string.Join(' ', arguments)} ran for more than a minute.");
        }

        return (process.ExitCode, $"promtool {string.Join(' ', arguments)} (exit {process.ExitCode}):\n{stdout.Result}{stderr.Result}");
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, "promtool"))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that needs promtool: skipped, with the reason, where it is missing outside CI.</summary>
public sealed class PromtoolFactAttribute : FactAttribute
{
    public PromtoolFactAttribute()
    {
        if (Promtool.Path is null && !Promtool.OnCi)
        {
            Skip = "promtool is not installed (apt-get install prometheus, or run ./scripts/test.sh): skipped here, fails with CI=true.";
        }
    }
}
