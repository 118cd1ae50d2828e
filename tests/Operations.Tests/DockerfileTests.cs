using System.Text.RegularExpressions;

namespace ChatClean.Operations.Tests;

/// <summary>deploy/Dockerfile and .dockerignore, parsed (no Docker engine here).</summary>
public sealed partial class DockerfileTests
{
    private static IReadOnlyList<Stage> Stages => Parse(Repository.Read("deploy/Dockerfile"));

    [Fact]
    public void Every_stage_is_named_and_the_service_is_built_by_the_SDK_and_run_by_the_ASP_NET_runtime()
    {
        var stages = Stages;
        stages.Count.ShouldBeGreaterThanOrEqualTo(3);
        stages.ShouldAllBe(stage => stage.Name != null);
        stages.Select(s => s.Image).ShouldContain(image => image.StartsWith("node:", StringComparison.Ordinal));
        stages.Select(s => s.Image).ShouldContain("mcr.microsoft.com/dotnet/sdk:10.0");
        stages[^1].Image.ShouldBe("mcr.microsoft.com/dotnet/aspnet:10.0");
    }

    [Fact]
    public void The_final_stage_runs_as_a_user_other_than_root_and_listens_on_8080()
    {
        var final = Stages[^1];
        var user = final.Last("USER");
        user.ShouldNotBeNull("the final stage must set USER");
        user.Split(':')[0].ShouldNotBeOneOf("0", "root");
        final.Last("EXPOSE").ShouldBe("8080");
        final.All("ENV").ShouldContain(env => env.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
        final.All("ENV").ShouldContain(env => env.Contains("URLS=http://+:8080", StringComparison.Ordinal), "appsettings.json's urls outranks ASPNETCORE_URLS");
    }

    [Fact]
    public void The_console_lands_where_the_service_looks_for_it_and_the_data_folder_is_the_app_users()
    {
        var final = Stages[^1];
        var workdir = final.Last("WORKDIR").ShouldNotBeNull();
        final.All("COPY").ShouldContain(copy => copy.StartsWith("--from=web ", StringComparison.Ordinal) && copy.EndsWith(" ./web/dist", StringComparison.Ordinal));
        final.All("ENV").ShouldContain(env => env.Contains($"Console__Root={workdir}/web/dist", StringComparison.Ordinal));
        final.All("RUN").ShouldContain(run => run.Contains($"{workdir}/data", StringComparison.Ordinal) && run.Contains("chown 1654", StringComparison.Ordinal));
        Stages.Single(s => s.Name == "build").All("RUN").ShouldContain(run => run.Contains("dotnet publish src/WebApi/WebApi.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_holds_no_secret()
    {
        var leaks = Secrets(Repository.Read("deploy/Dockerfile"));
        leaks.ShouldBeEmpty(string.Join('\n', leaks));
    }

    [Fact]
    public void The_checks_catch_an_unnamed_stage_a_root_user_and_a_secret()
    {
        var stages = Parse("FROM alpine:3\nFROM debian:12 AS final\nUSER root\nEXPOSE 80\n");
        stages[0].Name.ShouldBeNull();
        stages[^1].Last("USER").ShouldBe("root");
        Secrets("FROM x AS y\nENV Jwt__SigningKey=abc \\\n    OTHER=1\nARG DB_PASSWORD=hunter2\n").Count.ShouldBe(2);
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_dependencies_and_data()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        foreach (var entry in new[] { "**/bin/", "**/obj/", "**/node_modules/", ".git/", "web/dist/", "**/*.db", "logs/" })
        {
            ignored.ShouldContain(entry);
        }
    }

    /// <summary>ENV and ARG settings whose name says secret and that carry a value.</summary>
    private static List<string> Secrets(string dockerfile) =>
        Parse(dockerfile).SelectMany(stage => stage.All("ENV").Concat(stage.All("ARG")))
            .SelectMany(setting => Setting().Matches(setting))
            .Where(m => SecretName().IsMatch(m.Groups["name"].Value) && m.Groups["value"].Value.Length > 0)
            .Select(m => m.Value).ToList();

    /// <summary>The stages of a Dockerfile, each with its instructions (continuation lines joined, comments dropped).</summary>
    private static List<Stage> Parse(string dockerfile)
    {
        var stages = new List<Stage>();
        var lines = Regex.Replace(dockerfile, @"\\\r?\n", " ").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        foreach (var line in lines)
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            var (instruction, argument) = (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1] : "");
            if (instruction == "FROM")
            {
                var from = From().Match(argument);
                stages.Add(new Stage(from.Groups["image"].Value, from.Groups["name"].Success ? from.Groups["name"].Value : null, []));
            }
            else
            {
                stages.ShouldNotBeEmpty($"'{line}' comes before any FROM");
                stages[^1].Instructions.Add((instruction, Regex.Replace(argument, @"\s+", " ")));
            }
        }

        return stages;
    }

    private sealed record Stage(string Image, string? Name, List<(string Instruction, string Argument)> Instructions)
    {
        public IEnumerable<string> All(string instruction) => Instructions.Where(i => i.Instruction == instruction).Select(i => i.Argument);

        public string? Last(string instruction) => All(instruction).LastOrDefault();
    }

    [GeneratedRegex(@"^(?:--platform=\S+\s+)?(?<image>\S+)(?:\s+AS\s+(?<name>\S+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"(?<name>[A-Za-z_][\w.]*)=(?<value>""[^""]*""|\S*)")]
    private static partial Regex Setting();

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|SIGNINGKEY|SIGNING_KEY|APIKEY|API_KEY|LOOKUPKEY|KEYS__", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();
}
