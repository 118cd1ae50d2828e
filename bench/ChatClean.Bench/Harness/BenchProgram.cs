namespace ChatClean.Bench;

/// <summary>The benchmark's entry point, also called by the test that keeps the harness working (<c>--quick</c>).</summary>
public static class BenchProgram
{
    public static IReadOnlyList<IScenario> Scenarios { get; } =
        [new AppendScenario(), new HotStreamScenario(), new EndToEndScenario(1), new EndToEndScenario(2), new ConnectionsScenario(), new ScanScenario(), new CommandCostScenario(), new AdminReadsScenario()];

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var named = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var unknown = named.Except(Scenarios.Select(s => s.Name)).ToArray();
        if (unknown.Length > 0)
        {
            Console.Error.WriteLine($"Unknown scenario(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", Scenarios.Select(s => s.Name))}.");
            return 2;
        }

        var chosen = Scenarios.Where(s => named.Length > 0 ? named.Contains(s.Name) : !quick || s.InQuickRun).ToArray();
        var report = new BenchReport { Quick = quick, Scenarios = chosen.Select(s => s.Name).ToArray() };
        var context = new BenchContext(args, report);
        foreach (var scenario in chosen)
        {
            Console.WriteLine($"## {scenario.Name}");
            await scenario.RunAsync(context);
        }

        report.PrintTable();
        var path = await report.WriteAsync(context.Text("--results", Path.Combine("bench", "results")));
        Console.WriteLine($"results: {path}");
        return 0;
    }
}
