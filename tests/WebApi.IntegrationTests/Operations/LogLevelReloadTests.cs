using System.Net;
using ChatClean.TestSupport;

namespace ChatClean.WebApi.IntegrationTests.Operations;

/// <summary>
/// Log levels change without a restart: the service reads <c>appsettings.{Environment}.json</c> again when it changes.
/// The test runs the service in an environment of its own, whose settings file it writes beside the service.
/// </summary>
public sealed class LogLevelReloadTests : IDisposable
{
    private readonly string _data = TestSecrets.NewDataDirectory();
    private readonly string _environment = "LogReload" + Guid.NewGuid().ToString("N")[..8];
    private ServiceProcess? _node;

    private string SettingsFile => Path.Combine(Path.GetDirectoryName(typeof(Program).Assembly.Location)!, $"appsettings.{_environment}.json");

    public void Dispose()
    {
        _node?.Dispose();
        File.Delete(SettingsFile);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task Raising_a_category_to_information_in_the_settings_file_logs_it_from_then_on()
    {
        await File.WriteAllTextAsync(SettingsFile, Levels("Warning"));
        var settings = TestSecrets.ServiceSettings(_data);
        settings.Remove("Logging:LogLevel:Default");
        settings["ASPNETCORE_ENVIRONMENT"] = _environment;
        (_node, var address) = await ServiceProcess.StartReadyAsync(typeof(Program).Assembly.Location, settings);
        using var client = new HttpClient { BaseAddress = address };

        (await client.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await Task.Delay(500);
        _node.Output.ShouldNotContain("\"Route\":\"/api/v1/conversations/\"", Case.Sensitive, "request lines are below Warning");

        await File.WriteAllTextAsync(SettingsFile, Levels("Information"));
        await Eventually.ReturnsAsync(
            async () =>
            {
                (await client.GetAsync("/api/v1/conversations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                return _node.Output;
            },
            output => output.Contains("\"Route\":\"/api/v1/conversations/\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(20),
            "request lines once the file says Information");
    }

    private static string Levels(string requests) =>
        $$"""{ "Logging": { "LogLevel": { "Default": "Warning", "ChatClean.WebApi.Infrastructure.Observability.RequestLogging": "{{requests}}" } } }""";
}
