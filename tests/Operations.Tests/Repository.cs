using YamlDotNet.RepresentationModel;

namespace ChatClean.Operations.Tests;

/// <summary>The checkout these tests judge: files by their path from the repository's root, YAML loaded as nodes.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    /// <summary>The first document of a YAML file; anchors and aliases are resolved to the nodes they name.</summary>
    public static YamlMappingNode LoadYaml(string relative) => ParseYaml(Read(relative));

    public static YamlMappingNode ParseYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return stream.Documents.Single().RootNode.ShouldBeOfType<YamlMappingNode>();
    }

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatClean.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ChatClean.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Short reads of YAML nodes that fail with the path of what is missing.</summary>
public static class YamlNodes
{
    public static YamlNode? Get(this YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlNode node, string key) =>
        node.Get(key).ShouldBeOfType<YamlMappingNode>($"'{key}' must be a mapping");

    public static YamlSequenceNode Seq(this YamlNode node, string key) =>
        node.Get(key).ShouldBeOfType<YamlSequenceNode>($"'{key}' must be a list");

    public static string? Text(this YamlNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static IEnumerable<(string Key, YamlNode Value)> Entries(this YamlMappingNode map) =>
        map.Children.Select(pair => (((YamlScalarNode)pair.Key).Value!, pair.Value));
}
