using System.Diagnostics;

namespace ChatClean.Operations.Tests;

/// <summary>
/// Debian's <c>promtool</c> (package <c>prometheus</c>; <c>scripts/test.sh</c> installs it). Where it is missing, the
/// tests that need it fail saying so, like those that need MariaDB or Redis: they never skip.
/// </summary>
public static class Promtool
{
    public static string? Path { get; } = Find();

    /// <summary>Runs promtool in <paramref name="workingDirectory"/> and returns its exit code and everything it printed.</summary>
    public static (int ExitCode, string Output) Run(string workingDirectory, params string[] arguments)
    {
        var promtool = Path ?? throw new InvalidOperationException(
            "promtool is needed for this test and is not installed: run ./scripts/test.sh, which installs Debian's prometheus package, or apt-get install prometheus.");
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
