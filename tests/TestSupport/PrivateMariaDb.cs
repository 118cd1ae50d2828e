using System.Diagnostics;
using MySqlConnector;

namespace ChatClean.TestSupport;

/// <summary>
/// A MariaDB server of the test's own (its data folder, port and socket), to stop and start under a running service
/// without disturbing the shared one every other test uses. Started without grant tables: any user gets in.
/// </summary>
public sealed class PrivateMariaDb : IAsyncDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "chatclean-tests", "mariadb-" + Guid.NewGuid().ToString("N")[..12]);
    private Process? _server;

    public int Port { get; } = Ports.Free();

    public string ConnectionString => $"Server=127.0.0.1;Port={Port};User ID=chatclean;Password=chatclean;Database=chatclean;Connection Timeout=3";

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates the data folder and starts the server with an empty <c>chatclean</c> database.</summary>
    public static async Task<PrivateMariaDb> CreateAsync()
    {
        var server = new PrivateMariaDb();
        Directory.CreateDirectory(server.DataDirectory);
        var install = await RunAsync("mariadb-install-db", [.. server.Options(), "--auth-root-authentication-method=normal", "--skip-test-db"]);
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"mariadb-install-db failed: {install.Output}");
        }

        await server.StartAsync();
        await using var connection = new MySqlConnection($"Server=127.0.0.1;Port={server.Port};User ID=root;Connection Timeout=3");
        await connection.OpenAsync();
        await using var create = new MySqlCommand("CREATE DATABASE chatclean CHARACTER SET utf8mb4", connection);
        await create.ExecuteNonQueryAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var info = new ProcessStartInfo("mariadbd", [.. Options(), "--skip-grant-tables", $"--port={Port}", "--bind-address=127.0.0.1", "--skip-log-bin", "--innodb-buffer-pool-size=32M"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitAsync(up: true);
    }

    /// <summary>A clean shutdown (SIGTERM), waited for: the port is closed when this returns.</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            using var term = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await server.WaitForExitAsync(timeout.Token);
        }

        await WaitAsync(up: false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill();
            await server.WaitForExitAsync();
        }

        _server?.Dispose();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private string[] Options() =>
    [
        "--no-defaults", $"--datadir={DataDirectory}", $"--socket={Path.Combine(_root, "mariadb.sock")}",
        $"--pid-file={Path.Combine(_root, "mariadb.pid")}", "--tmpdir=/tmp", .. Environment.UserName == "root" ? new[] { "--user=root" } : [],
    ];

    private async Task WaitAsync(bool up)
    {
        for (var i = 0; i < 300; i++)
        {
            try
            {
                await using var connection = new MySqlConnection($"Server=127.0.0.1;Port={Port};User ID=root;Connection Timeout=1;Pooling=false");
                await connection.OpenAsync();
                if (up)
                {
                    return;
                }
            }
            catch (MySqlException)
            {
                if (!up)
                {
                    return;
                }
            }

            if (up && _server is { HasExited: true })
            {
                throw new InvalidOperationException("mariadbd exited at start-up.");
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"MariaDB on {Port} did not come {(up ? "up" : "down")}.");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string command, string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
