using System.Diagnostics;
using System.Text.Json;

namespace ChatClean.Bench;

/// <summary><c>chatclean</c> as users run it: its own process, with its own runtime settings, on the service's configuration.</summary>
public static class CliProcess
{
    /// <summary>Runs <c>chatclean</c> with <paramref name="args"/> (the last of which must be <c>--json</c>) and returns its exit code and JSON.</summary>
    public static async Task<(int ExitCode, JsonElement Result)> RunJsonAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var dll = Path.Combine(Path.GetDirectoryName(typeof(Cli.CliApp).Assembly.Location)!, "chatclean.dll");
        var info = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        try
        {
            using var document = JsonDocument.Parse(text);
            return (process.ExitCode, document.RootElement.Clone());
        }
        catch (JsonException)
        {
            throw new InvalidOperationException($"chatclean {string.Join(' ', args)} exited {process.ExitCode}: {text} {await errors}");
        }
    }
}
