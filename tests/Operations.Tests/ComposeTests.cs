using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ChatClean.Operations.Tests;

/// <summary>deploy/compose.yaml, read as YAML (no Docker engine here): two nodes, required secrets, pinned images, healthy dependencies.</summary>
public sealed partial class ComposeTests
{
    private const string ComposeFile = "deploy/compose.yaml";
    private static readonly string[] Nodes = ["chatclean-1", "chatclean-2"];

    private static YamlMappingNode Services => Repository.LoadYaml(ComposeFile).Map("services");

    [Fact]
    public void Both_nodes_are_built_from_the_Dockerfile_with_the_same_production_configuration()
    {
        foreach (var node in Nodes)
        {
            var service = Services.Map(node);
            service.Map("build").Text("dockerfile").ShouldBe("deploy/Dockerfile");
            File.Exists(Path.Combine(Repository.PathOf("deploy"), service.Map("build").Text("context")!, "deploy/Dockerfile")).ShouldBeTrue();
            var environment = service.Map("environment");
            environment.Text("Storage__Provider").ShouldBe("MySql");
            foreach (var key in new[] { "ConnectionStrings__MySql", "ConnectionStrings__Redis", "Jwt__SigningKey", "Encryption__Keys__k1",
                         "Encryption__CurrentKeyId", "Encryption__LookupKey", "Audit__Checkpoints__SigningKey" })
            {
                environment.Text(key).ShouldNotBeNullOrWhiteSpace($"{node} needs {key}");
            }
        }

        Environment("chatclean-1").ShouldBe(Environment("chatclean-2"), "the nodes must share their database, Redis prefix and keys");
    }

    [Fact]
    public void Every_variable_is_a_required_secret_listed_in_the_env_example()
    {
        var problems = VariableProblems(Repository.Read(ComposeFile), Repository.Read("deploy/.env.example"));
        problems.ShouldBeEmpty(string.Join('\n', problems));
        Variable().Count(Repository.Read(ComposeFile)).ShouldBeGreaterThan(8);
    }

    [Fact]
    public void The_variable_check_catches_a_default_and_a_secret_missing_from_the_example()
    {
        VariableProblems("a: ${JWT_SIGNING_KEY:-weak}\nb: ${NEW_SECRET:?set it}\nc: $$escaped", "JWT_SIGNING_KEY=\n")
            .ShouldBe(["${JWT_SIGNING_KEY:-weak} is not required (use ${NAME:?message})", "NEW_SECRET is not listed in deploy/.env.example"]);
    }

    [Fact]
    public void Images_are_pinned_to_a_version()
    {
        foreach (var (name, service) in Services.Entries().Where(s => s.Value.Get("build") is null))
        {
            var image = service.Text("image");
            image.ShouldNotBeNull($"{name} has neither build nor image");
            image.ShouldMatch(@"^[\w./-]+:v?\d+(\.\d+)+$", $"{name}: '{image}' must name a version (no latest, no bare name)");
        }

        Services.Map("mariadb").Text("image").ShouldStartWith("mariadb:11.");
        Services.Map("redis").Text("image").ShouldStartWith("redis:7.");
    }

    [Fact]
    public void The_nodes_wait_for_healthy_MariaDB_and_Redis_which_have_healthchecks()
    {
        foreach (var dependency in new[] { "mariadb", "redis" })
        {
            Services.Map(dependency).Map("healthcheck").Seq("test").Children.ShouldNotBeEmpty();
            foreach (var node in Nodes)
            {
                Services.Map(node).Map("depends_on").Map(dependency).Text("condition").ShouldBe("service_healthy", $"{node} → {dependency}");
            }
        }
    }

    [Fact]
    public void Prometheus_and_Grafana_mount_the_files_of_this_folder()
    {
        Services.Map("prometheus").Seq("volumes").Children.Select(v => v.ToString()).ShouldContain("./prometheus:/etc/prometheus:ro");
        var grafana = Services.Map("grafana").Seq("volumes").Children.Select(v => v.ToString()).ToList();
        grafana.ShouldContain("./grafana/provisioning:/etc/grafana/provisioning:ro");
        var dashboard = grafana.Single(v => v.StartsWith("./grafana/chatclean-dashboard.json:", StringComparison.Ordinal)).Split(':')[1];
        var provider = Repository.LoadYaml("deploy/grafana/provisioning/dashboards/chatclean.yml").Seq("providers").Children.Single();
        Path.GetDirectoryName(dashboard).ShouldBe(provider.Map("options").Text("path"));
        var source = Repository.LoadYaml("deploy/grafana/provisioning/datasources/prometheus.yml").Seq("datasources").Children.Single();
        source.Text("url").ShouldBe("http://prometheus:9090");
        Repository.Read("deploy/grafana/chatclean-dashboard.json").ShouldContain($"\"uid\": \"{source.Text("uid")}\"");
    }

    private static List<string> VariableProblems(string compose, string example)
    {
        var listed = Listed().Matches(example).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var use in Variable().Matches(compose).Select(m => m.Value).Distinct(StringComparer.Ordinal))
        {
            var required = RequiredVariable().Match(use);
            if (!required.Success)
            {
                problems.Add($"{use} is not required (use ${{NAME:?message}})");
            }
            else if (!listed.Contains(required.Groups["name"].Value))
            {
                problems.Add($"{required.Groups["name"].Value} is not listed in deploy/.env.example");
            }
        }

        return problems;
    }

    private static string Environment(string node) =>
        string.Join('\n', Services.Map(node).Map("environment").Entries().Select(e => $"{e.Key}={e.Value}"));

    [GeneratedRegex(@"(?<!\$)\$\{[^}]*\}|(?<!\$)\$[A-Za-z_]\w*")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^\$\{(?<name>[A-Z][A-Z0-9_]*):\?[^}]+\}$")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^(?<name>[A-Z][A-Z0-9_]*)=", RegexOptions.Multiline)]
    private static partial Regex Listed();
}
