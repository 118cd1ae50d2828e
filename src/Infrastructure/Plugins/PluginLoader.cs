using System.Reflection;
using System.Runtime.Loader;
using ChatClean.Plugins;
using Microsoft.Extensions.Configuration;

namespace ChatClean.Infrastructure.Plugins;

/// <summary>
/// Finds plugins: the built-in ones switched on in configuration (<c>Plugins:&lt;Class&gt;:Enabled=true</c>), those
/// registered in DI, and the public <see cref="IChatPlugin"/> classes of every <c>*.dll</c> in <c>Plugins:Folder</c>
/// (each assembly in a load context of its own, with its own dependencies beside it; the plugin interface itself is
/// shared with the service). A plugin's settings are the section named after its class (<c>Plugins:&lt;Class&gt;</c>);
/// a folder plugin is on unless <c>Plugins:&lt;Class&gt;:Enabled=false</c>. A plugin that cannot be loaded or
/// constructed stops the start, naming it: a plugin the operator asked for is never silently missing.
/// </summary>
public static class PluginLoader
{
    public static IReadOnlyList<IChatPlugin> Load(IConfiguration configuration, IEnumerable<IChatPlugin> registered, string? folder)
    {
        var plugins = new List<IChatPlugin>();
        if (Enabled(configuration, ChatClean.Plugins.BuiltIn.SensitiveWordFilter.PluginName, byDefault: false))
        {
            plugins.Add(new ChatClean.Plugins.BuiltIn.SensitiveWordFilter(Settings(configuration, ChatClean.Plugins.BuiltIn.SensitiveWordFilter.PluginName)));
        }

        if (Enabled(configuration, ChatClean.Plugins.BuiltIn.PersonalDataMasker.PluginName, byDefault: false))
        {
            plugins.Add(new ChatClean.Plugins.BuiltIn.PersonalDataMasker(Settings(configuration, ChatClean.Plugins.BuiltIn.PersonalDataMasker.PluginName)));
        }

        plugins.AddRange(registered);
        if (!string.IsNullOrWhiteSpace(folder))
        {
            plugins.AddRange(FromFolder(configuration, folder));
        }

        return plugins;
    }

    /// <summary>The flattened section <c>Plugins:&lt;name&gt;</c>.</summary>
    public static PluginSettings Settings(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection($"{PluginOptions.SectionName}:{name}");
        return new PluginSettings(section.AsEnumerable(makePathsRelative: true).Where(p => p.Key.Length > 0).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
    }

    private static bool Enabled(IConfiguration configuration, string name, bool byDefault) =>
        configuration[$"{PluginOptions.SectionName}:{name}:Enabled"] is { } value ? !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) : byDefault;

    private static IEnumerable<IChatPlugin> FromFolder(IConfiguration configuration, string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Plugins:Folder: '{folder}' does not exist.");
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.dll").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(file).StartsWith("ChatClean.Plugins.Abstractions", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            Type[] types;
            try
            {
                types = new PluginLoadContext(file).LoadFromAssemblyPath(Path.GetFullPath(file)).GetExportedTypes();
            }
            catch (Exception exception) when (exception is BadImageFormatException or FileLoadException or ReflectionTypeLoadException or FileNotFoundException)
            {
                throw new InvalidOperationException($"Plugins:Folder: '{Path.GetFileName(file)}' could not be loaded: {exception.Message}", exception);
            }

            foreach (var type in types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IChatPlugin).IsAssignableFrom(t) && Enabled(configuration, t.Name, byDefault: true)))
            {
                yield return Create(configuration, type);
            }
        }
    }

    private static IChatPlugin Create(IConfiguration configuration, Type type)
    {
        try
        {
            return type.GetConstructor([typeof(PluginSettings)]) is { } withSettings
                ? (IChatPlugin)withSettings.Invoke([Settings(configuration, type.Name)])
                : (IChatPlugin)Activator.CreateInstance(type)!;
        }
        catch (Exception exception) when (exception is TargetInvocationException or MissingMethodException or InvalidCastException)
        {
            throw new InvalidOperationException($"Plugin {type.FullName} could not be created: {(exception.InnerException ?? exception).Message}", exception);
        }
    }

    /// <summary>One plugin assembly and its own dependencies; the plugin interface comes from the service.</summary>
    private sealed class PluginLoadContext(string path) : AssemblyLoadContext(Path.GetFileNameWithoutExtension(path), isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(Path.GetFullPath(path));

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            if (assemblyName.Name == typeof(IChatPlugin).Assembly.GetName().Name)
            {
                return null;
            }

            return _resolver.ResolveAssemblyToPath(assemblyName) is { } resolved ? LoadFromAssemblyPath(resolved) : null;
        }
    }
}
