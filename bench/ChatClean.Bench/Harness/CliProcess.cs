using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace ChatClean.Bench;

/// <summary><c>chatclean</c> as users run it: its own process, with its own runtime settings, on the service's configuration.</summary>
public static class CliProcess
{
    /// <summary>Runs <c>chatclean</c> with <paramref name="args"/> (the last of which must be <c>--json</c>) and returns its exit code and JSON.</summary>
    public static async Task<(int ExitCode, JsonElement Result)> RunJsonAsync(IReadOnlyDictionary<string, string> settings, params string[] args)
    {
        var dll = Locate();
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

    /// <summary>
    /// The command line's own build (its folder holds its dependencies; a copy beside the benchmark lacks those the
    /// benchmark takes from the ASP.NET Core framework), in the configuration the benchmark was built in.
    /// </summary>
    private static string Locate()
    {
        var configuration = typeof(CliProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatClean.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Cli", "bin", configuration, "net10.0", "chatclean.dll");
            }
        }

        throw new InvalidOperationException($"No ChatClean checkout above {AppContext.BaseDirectory}.");
    }
}
