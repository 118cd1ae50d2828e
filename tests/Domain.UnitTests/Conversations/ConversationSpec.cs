using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;

namespace ChatClean.Domain.UnitTests.Conversations;

/// <summary>Given events, when a command, then events (or nothing, or a domain error): the decider as a specification.</summary>
public abstract class ConversationSpec
{
    protected static readonly DateTimeOffset T0 = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    protected static readonly ConversationId Id = new(Guid.Parse("0196a000-0000-7000-8000-000000000001"));
    protected static readonly UserId Customer = new(Guid.Parse("0196a000-0000-7000-8000-0000000000c1"));
    protected static readonly UserId OtherCustomer = new(Guid.Parse("0196a000-0000-7000-8000-0000000000c2"));
    protected static readonly UserId AgentA = new(Guid.Parse("0196a000-0000-7000-8000-0000000000a1"));
    protected static readonly UserId AgentB = new(Guid.Parse("0196a000-0000-7000-8000-0000000000a2"));
    protected static readonly UserId AdminUser = new(Guid.Parse("0196a000-0000-7000-8000-0000000000f1"));

    protected static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    protected static ConversationStarted Started() => new(Id.Value, Customer.Value, "Order 42", T0);

    protected static HumanRequested Requested(int episode = 1, int at = 10) =>
        new(Id.Value, episode, HandoffReason.CustomerAsked, ActorKind.Customer, Customer.Value, At(at));

    protected static AgentTookOver TookOver(UserId agent, int? episode = 1, int at = 20) => new(Id.Value, agent.Value, episode, At(at));

    protected static ConversationClosed ClosedBy(Actor actor, int? episode = null, int at = 90) =>
        new(Id.Value, actor.Kind, actor.UserId?.Value, episode, At(at));

    protected static Then Given(params IConversationEvent[] history) => new(ConversationDecider.Fold(history));

    protected sealed class Then(ConversationState state)
    {
        public ConversationState State { get; } = state;

        /// <summary>The events the command appends (none when it changes nothing).</summary>
        public IReadOnlyList<IConversationEvent> When(ConversationCommand command) => Decides(command).NewEvents;

        public Decision Decides(ConversationCommand command) => ConversationDecider.Decide(command, State);

        public DomainException Fails(ConversationCommand command) => Should.Throw<DomainException>(() => When(command));
    }
}
