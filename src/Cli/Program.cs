using Spectre.Console;

namespace ChatClean.Cli;

/// <summary>The <c>chatclean</c> executable (internal: test projects reference both it and the service, which has its own <c>Program</c>).</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args, AnsiConsole.Console);
}
