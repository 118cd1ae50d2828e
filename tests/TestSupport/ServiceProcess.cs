using System.Diagnostics;
using System.Text;

namespace ChatClean.TestSupport;

/// <summary>The WebApi as a separate operating-system process (for killing it, or for running several nodes).</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ServiceProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>What the service wrote to standard error only (also part of <see cref="Output"/>).</summary>
    public string Error
    {
        get
        {
            lock (_output)
            {
                return _error.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int ProcessId => _process.Id;

    /// <param name="webApiDll">The built <c>ChatClean.WebApi.dll</c> (its folder holds its dependencies).</param>
    public static ServiceProcess Start(string webApiDll, IReadOnlyDictionary<string, string> settings, string urls = "http://127.0.0.1:0")
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(webApiDll))!;
        var info = new ProcessStartInfo("dotnet", [Path.GetFileName(webApiDll), "--urls", urls])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info };
        var service = new ServiceProcess(process);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data, error: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return service;
    }

    /// <summary>Starts the service on <paramref name="port"/> of 127.0.0.1 (a free one by default: a restart passes the old one) and waits until <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<(ServiceProcess Node, Uri Address)> StartReadyAsync(
        string webApiDll, IReadOnlyDictionary<string, string> settings, string readyPath = "/health/ready", int? port = null)
    {
        port ??= Ports.Free();
        var node = Start(webApiDll, settings, $"http://127.0.0.1:{port}");
        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address };
        await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return (await probe.GetAsync(readyPath)).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return System.Net.HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == System.Net.HttpStatusCode.OK,
            TimeSpan.FromSeconds(60),
            $"node on {port} to be ready; output: {node.Output}");
        return (node, address);
    }

    /// <summary>SIGTERM: the service shuts down gracefully.</summary>
    public async Task TerminateAsync(TimeSpan within)
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(within);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Waits until the process has exited by itself and its output is read to the end; false when <paramref name="within"/> ran out first.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no graceful shutdown, open transactions are abandoned.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line, bool error = false)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (error)
            {
                _error.AppendLine(line);
            }
        }
    }
}
