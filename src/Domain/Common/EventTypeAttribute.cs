using System.Collections.Concurrent;
using System.Reflection;

namespace ChatClean.Domain.Common;

/// <summary>
/// The stable wire name an event is stored under, such as <c>MessagePosted.v1</c>. A name never changes once
/// events carry it, even when the class is renamed; an incompatible change gets a new type with the next version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public string Name { get; } = name;

    /// <summary>The wire name <paramref name="eventType"/> declares.</summary>
    public static string NameOf(Type eventType) => Names.GetOrAdd(
        eventType,
        type => type.GetCustomAttribute<EventTypeAttribute>()?.Name ?? throw new InvalidOperationException($"{type.Name} declares no [EventType]."));

    /// <summary>The wire name without its version: <c>MessagePosted</c> for <c>MessagePosted.v1</c>.</summary>
    public static string UnversionedNameOf(Type eventType)
    {
        var name = NameOf(eventType);
        var dot = name.LastIndexOf('.');
        return dot < 0 ? name : name[..dot];
    }
}
