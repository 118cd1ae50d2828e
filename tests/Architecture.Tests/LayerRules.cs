using System.Reflection;
using NetArchTest.Rules;

namespace ChatClean.Architecture.Tests;

/// <summary>
/// The architecture as executable rules. Each rule is a function of the types it judges, so the tests can apply
/// it both to the real layer (it must pass) and to a deliberate violation in <c>Violations/</c> (it must fail):
/// a rule never seen failing proves nothing.
/// </summary>
public static class LayerRules
{
    private static readonly string[] Frameworks =
    [
        "Mediator", "FluentValidation", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Microsoft.Extensions",
        "StackExchange.Redis", "MySqlConnector", "Microsoft.Data.Sqlite", "Pomelo", "BCrypt", "Riok.Mapperly", "System.Text.Json",
    ];

    private static readonly string[] DataAccessAndHosting =
    [
        "ChatClean.Infrastructure", "ChatClean.WebApi", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore",
        "StackExchange.Redis", "MySqlConnector", "Microsoft.Data.Sqlite", "Pomelo", "BCrypt", "Microsoft.IdentityModel",
    ];

    /// <summary>The domain knows nothing outside itself: no other layer, no framework.</summary>
    public static TestResult DomainDependsOnNothingOutside(PredicateList domain) =>
        domain.ShouldNot().HaveDependencyOnAny(["ChatClean.Application", "ChatClean.Infrastructure", "ChatClean.WebApi", .. Frameworks]).GetResult();

    /// <summary>The application layer sees the domain and abstractions only: no infrastructure, no web host, no database driver.</summary>
    public static TestResult ApplicationDependsOnlyInward(PredicateList application) =>
        application.ShouldNot().HaveDependencyOnAny(DataAccessAndHosting).GetResult();

    /// <summary>Infrastructure implements the inner ports; it never reaches up into the web host.</summary>
    public static TestResult InfrastructureDoesNotDependOnWebApi(PredicateList infrastructure) =>
        infrastructure.ShouldNot().HaveDependencyOn("ChatClean.WebApi").GetResult();

    /// <summary>
    /// The web host reaches the infrastructure only through its composition root (<c>Program</c>, outside the
    /// <c>ChatClean</c> namespaces, which calls <c>AddInfrastructure</c>): endpoints, the gateway and the host's own
    /// services use the application's ports, never an infrastructure type.
    /// </summary>
    public static TestResult WebApiUsesNoInfrastructureType(PredicateList webApi) =>
        webApi.ShouldNot().HaveDependencyOn("ChatClean.Infrastructure").GetResult();

    /// <summary>
    /// Every request says who may send it: a caller's request carries the caller and declares the permission it needs;
    /// any other request says why it has no caller. Returns the types that break it.
    /// </summary>
    public static IReadOnlyList<string> RequestsWithoutAuthorisation(IEnumerable<Type> types) =>
        types.Where(t => !t.IsAbstract && !t.IsInterface && typeof(Mediator.IMessage).IsAssignableFrom(t))
            .Where(t =>
            {
                var permission = t.GetCustomAttribute<ChatClean.Application.Common.RequiresPermissionAttribute>() is not null;
                var noCaller = t.GetCustomAttribute<ChatClean.Application.Common.NoCallerAttribute>() is not null;
                var hasCaller = typeof(ChatClean.Application.Common.ICallerRequest).IsAssignableFrom(t);
                return !(permission ^ noCaller) || permission != hasCaller;
            })
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>
    /// Events are values: sealed, every field read-only, every property without a setter or with an init-only one.
    /// (NetArchTest's BeImmutable counts a record's init accessors as setters, so this rule reads the metadata itself.)
    /// Returns the types that break it.
    /// </summary>
    public static IReadOnlyList<string> MutableEventTypes(IEnumerable<Type> events) =>
        events.Where(t => !t.IsSealed || !IsImmutable(t)).Select(t => t.FullName!).ToArray();

    private static bool IsImmutable(Type type)
    {
        const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        return type.GetFields(Instance).All(f => f.IsInitOnly) &&
            type.GetProperties(Instance).All(p => p.SetMethod is null || IsInitOnly(p.SetMethod));
    }

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit));
}
