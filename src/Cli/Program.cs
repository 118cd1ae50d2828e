using ChatClean.Cli;
using Spectre.Console;

return await CliApp.RunAsync(args, AnsiConsole.Console);
