using System.Xml.Linq;

namespace ChatClean.Architecture.Tests;

/// <summary>
/// A plugin author references <c>ChatClean.Plugins.Abstractions</c> alone: it depends on nothing (no project, no
/// package, no ChatClean assembly), and the shipped plugins are written against it and nothing else.
/// </summary>
public sealed class PluginRuleTests
{
    [Theory]
    [InlineData("src/Plugins.Abstractions/Plugins.Abstractions.csproj", new string[0])]
    [InlineData("src/Plugins.BuiltIn/Plugins.BuiltIn.csproj", new[] { "Plugins.Abstractions.csproj" })]
    [InlineData("tests/SamplePlugin/SamplePlugin.csproj", new[] { "Plugins.Abstractions.csproj" })]
    public void A_plugin_project_references_only_the_plugin_interface(string project, string[] allowed) =>
        ProjectReferencesOf(project).ShouldBe(allowed, $"{project} references only the plugin interface, and no package");

    [Fact]
    public void The_plugin_interface_assembly_references_only_the_runtime() =>
        typeof(ChatClean.Plugins.IChatPlugin).Assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .ShouldAllBe(name => name == "System.Runtime" || name.StartsWith("System.", StringComparison.Ordinal) || name == "netstandard");

    [Fact]
    public void The_plugin_rule_catches_a_project_that_references_more()
    {
        var violating = XDocument.Parse("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup><ProjectReference Include="..\Plugins.Abstractions\Plugins.Abstractions.csproj" /><ProjectReference Include="..\Domain\Domain.csproj" /></ItemGroup>
              <ItemGroup><PackageReference Include="Newtonsoft.Json" /></ItemGroup>
            </Project>
            """);

        References(violating).ShouldNotBe(["Plugins.Abstractions.csproj"]);
    }

    private static string[] ProjectReferencesOf(string project) => References(XDocument.Load(Path.Combine(Root(), project)));

    /// <summary>Project references by file name, and package references as <c>package:Name</c>.</summary>
    private static string[] References(XDocument project) =>
    [
        .. project.Descendants("ProjectReference").Select(r => Path.GetFileName(r.Attribute("Include")!.Value.Replace('\\', '/'))),
        .. project.Descendants("PackageReference").Select(r => "package:" + r.Attribute("Include")!.Value),
    ];

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ChatClean.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("ChatClean.sln not found above the test assembly.");
    }
}
