using System.Reflection;
using System.Xml.Linq;
using ChatClean.Domain.Conversations;
using Mediator;
using NetArchTest.Rules;

namespace ChatClean.Architecture.Tests;

public sealed class LayerRuleTests
{
    private static readonly Assembly Domain = typeof(ConversationDecider).Assembly;
    private static readonly Assembly Application = typeof(ChatClean.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(ChatClean.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(ChatClean.WebApi.DependencyInjection).Assembly;
    private static readonly Assembly Violations = typeof(LayerRuleTests).Assembly;

    [Fact]
    public void The_layers_are_the_assemblies_they_claim_to_be()
    {
        Domain.GetName().Name.ShouldBe("ChatClean.Domain");
        Application.GetName().Name.ShouldBe("ChatClean.Application");
        Infrastructure.GetName().Name.ShouldBe("ChatClean.Infrastructure");
        WebApi.GetName().Name.ShouldBe("ChatClean.WebApi");
        Types.InAssembly(Domain).GetTypes().Count().ShouldBeGreaterThan(20, "the rules must judge real types, not an empty set");
    }

    [Fact]
    public void The_domain_depends_on_nothing_outside_itself() =>
        ShouldPass(LayerRules.DomainDependsOnNothingOutside(Types.InAssembly(Domain).That().ResideInNamespaceStartingWith("ChatClean")));

    [Fact]
    public void The_domain_rule_catches_a_domain_type_using_EF_Core() =>
        ShouldFail(LayerRules.DomainDependsOnNothingOutside(InViolations("Domain")), "EntityWithDbContext");

    [Fact]
    public void The_domain_assembly_references_only_the_base_library()
    {
        Domain.GetReferencedAssemblies().Select(a => a.Name!)
            .ShouldAllBe(name => name.StartsWith("System", StringComparison.Ordinal) || name == "netstandard" || name == "mscorlib");
        PackageReferencesOf("src/Domain/Domain.csproj").ShouldBeEmpty();
    }

    [Fact]
    public void The_application_layer_depends_only_inward() =>
        ShouldPass(LayerRules.ApplicationDependsOnlyInward(Types.InAssembly(Application).That().ResideInNamespaceStartingWith("ChatClean")));

    [Fact]
    public void The_application_rule_catches_a_handler_using_the_DbContext() =>
        ShouldFail(LayerRules.ApplicationDependsOnlyInward(InViolations("Application")), "HandlerUsingDbContext");

    [Fact]
    public void The_application_project_references_only_the_domain()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src/Application/Application.csproj"));
        project.Descendants("ProjectReference").Select(r => Path.GetFileName(r.Attribute("Include")!.Value.Replace('\\', '/'))).ShouldBe(["Domain.csproj"]);
        PackageReferencesOf("src/Application/Application.csproj")
            .ShouldAllBe(p => p.StartsWith("Mediator.Abstractions") || p.StartsWith("FluentValidation") || p.StartsWith("Microsoft.Extensions."));
    }

    [Fact]
    public void Infrastructure_does_not_depend_on_the_web_host() =>
        ShouldPass(LayerRules.InfrastructureDoesNotDependOnWebApi(Types.InAssembly(Infrastructure).That().ResideInNamespaceStartingWith("ChatClean")));

    [Fact]
    public void The_infrastructure_rule_catches_a_type_using_the_web_host() =>
        ShouldFail(LayerRules.InfrastructureDoesNotDependOnWebApi(InViolations("Infrastructure")), "UsesWebHost");

    [Fact]
    public void The_web_host_uses_no_infrastructure_type_outside_its_composition_root() =>
        ShouldPass(LayerRules.WebApiUsesNoInfrastructureType(Types.InAssembly(WebApi).That().ResideInNamespaceStartingWith("ChatClean")));

    [Fact]
    public void The_web_host_rule_catches_an_endpoint_using_an_infrastructure_type() =>
        ShouldFail(LayerRules.WebApiUsesNoInfrastructureType(InViolations("WebApi")), "EndpointUsingTheSigningKey");

    [Fact]
    public void The_composition_root_is_what_the_web_host_rule_leaves_out() =>
        typeof(Program).Namespace.ShouldBeNull("Program stays outside the ChatClean namespaces the rule judges, and only it may wire the infrastructure in");

    [Fact]
    public void Conversation_events_are_sealed_immutable_values()
    {
        var events = Domain.GetTypes().Where(t => typeof(IConversationEvent).IsAssignableFrom(t) && !t.IsInterface).ToArray();

        events.Length.ShouldBe(11);
        LayerRules.MutableEventTypes(events).ShouldBeEmpty();
    }

    [Fact]
    public void The_event_rule_catches_an_event_with_setters() =>
        LayerRules.MutableEventTypes(Types.InAssembly(Violations).That().ResideInNamespace("ChatClean.Architecture.Tests.Violations.Events").GetTypes())
            .ShouldBe(["ChatClean.Architecture.Tests.Violations.Events.MutableEvent"]);

    [Fact]
    public void Mediator_handlers_are_sealed_and_live_in_the_application_layer()
    {
        var handlerInterfaces = new[] { typeof(ICommandHandler<,>), typeof(IQueryHandler<,>), typeof(ICommandHandler<>) };
        var handlers = new[] { Domain, Application, Infrastructure, WebApi }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            .ToArray();

        handlers.Length.ShouldBeGreaterThan(15);
        handlers.ShouldAllBe(h => (h.IsSealed || h.IsAbstract) && h.Assembly == Application);
        handlers.Count(h => !h.IsAbstract).ShouldBeGreaterThan(15);
    }

    [Fact]
    public void Every_request_declares_who_may_send_it()
    {
        var requests = Application.GetTypes().Where(t => typeof(IMessage).IsAssignableFrom(t) && !t.IsInterface && !t.IsAbstract).ToArray();

        requests.Length.ShouldBeGreaterThan(40);
        LayerRules.RequestsWithoutAuthorisation(requests).ShouldBeEmpty();
    }

    [Fact]
    public void The_request_rule_catches_a_request_without_a_permission() =>
        LayerRules.RequestsWithoutAuthorisation(InViolations("Requests").GetTypes()).ShouldBe(
        [
            "ChatClean.Architecture.Tests.Violations.Requests.PermissionWithoutCaller",
            "ChatClean.Architecture.Tests.Violations.Requests.UndecidedCommand",
            "ChatClean.Architecture.Tests.Violations.Requests.UnguardedQuery",
        ]);

    private static PredicateList InViolations(string layer) =>
        Types.InAssembly(Violations).That().ResideInNamespace($"ChatClean.Architecture.Tests.Violations.{layer}");

    private static void ShouldPass(TestResult result) =>
        result.IsSuccessful.ShouldBeTrue($"breaking types: {string.Join(", ", result.FailingTypeNames ?? [])}");

    private static void ShouldFail(TestResult result, string culprit)
    {
        result.IsSuccessful.ShouldBeFalse("the rule let a deliberate violation through");
        result.FailingTypeNames.ShouldContain(name => name.EndsWith(culprit, StringComparison.Ordinal));
    }

    private static string[] PackageReferencesOf(string project) =>
        XDocument.Load(Path.Combine(RepositoryRoot(), project)).Descendants("PackageReference")
            .Select(r => r.Attribute("Include")!.Value).ToArray();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ChatClean.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("ChatClean.sln not found above the test output.");
    }
}
