using System.Xml.Linq;

namespace ChatClean.Operations.Tests;

/// <summary>
/// The image restores from the project files alone (a cached layer) before it copies the sources: every project the
/// service references, however indirectly, must be copied for that restore, or the build breaks when one is added.
/// </summary>
public sealed class DockerfileRestoreTests
{
    [Fact]
    public void Every_project_the_service_references_is_copied_before_the_restore()
    {
        var dockerfile = Repository.Read("deploy/Dockerfile");
        var restore = dockerfile.IndexOf("RUN dotnet restore", StringComparison.Ordinal);
        restore.ShouldBeGreaterThan(0);
        var copied = dockerfile[..restore];

        foreach (var project in ProjectsOf("src/WebApi/WebApi.csproj"))
        {
            copied.ShouldContain($"COPY {project} ", Case.Sensitive, $"{project} is referenced by the service but not copied before the restore");
        }
    }

    [Fact]
    public void The_check_sees_every_project_behind_the_service() =>
        ProjectsOf("src/WebApi/WebApi.csproj").ShouldContain("src/Plugins.Abstractions/Plugins.Abstractions.csproj");

    /// <summary>The project and everything it references, as repository-relative paths.</summary>
    private static SortedSet<string> ProjectsOf(string project)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!found.Add(next))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(next)!;
            foreach (var reference in XDocument.Load(Repository.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(Repository.Root, folder, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                pending.Push(Path.GetRelativePath(Repository.Root, full).Replace('\\', '/'));
            }
        }

        return found;
    }
}
