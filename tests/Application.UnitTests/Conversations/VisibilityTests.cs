using ChatClean.Application.Common;
using ChatClean.Application.Conversations;
using ChatClean.Domain.Common;
using ChatClean.Domain.Conversations;
using ChatClean.Domain.Users;

namespace ChatClean.Application.UnitTests.Conversations;

/// <summary>The one visibility step: to a caller who may not see a conversation it does not exist.</summary>
public sealed class The_visibility_step
{
    private static readonly ConversationId Id = new(Guid.Parse("0196a000-0000-7000-8000-000000000001"));
    private static readonly UserId Customer = new(Guid.Parse("0196a000-0000-7000-8000-0000000000c1"));

    private readonly InMemoryEventStore _store = new();

    public The_visibility_step() =>
        _store.Write(Id, new ConversationStarted(Id.Value, Customer.Value, null, DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData(UserRole.Agent)]
    [InlineData(UserRole.Admin)]
    public async Task Lets_staff_who_read_every_conversation_through(UserRole role) =>
        (await PassesAsync(new GetConversationQuery(new Caller(UserId.New(), role), Id.Value))).ShouldBeTrue();

    [Fact]
    public async Task Lets_the_conversations_own_customer_through() =>
        (await PassesAsync(new GetConversationQuery(new Caller(Customer, UserRole.Customer), Id.Value))).ShouldBeTrue();

    [Fact]
    public async Task Hides_it_from_another_customer() =>
        (await Should.ThrowAsync<NotFoundException>(() => PassesAsync(new PostMessageCommand(new Caller(UserId.New(), UserRole.Customer), Id.Value, "hi", null))))
            .Code.ShouldBe("conversation.not_found");

    [Fact]
    public async Task Hides_a_conversation_that_does_not_exist_even_from_staff() =>
        await Should.ThrowAsync<NotFoundException>(() => PassesAsync(new GetConversationQuery(new Caller(UserId.New(), UserRole.Admin), Guid.NewGuid())));

    [Fact]
    public async Task Only_needs_the_conversation_to_exist_for_the_services_own_requests()
    {
        (await PassesAsync(new TimeOutToAiCommand(Id.Value, 1))).ShouldBeTrue();
        await Should.ThrowAsync<NotFoundException>(() => PassesAsync(new TimeOutToAiCommand(Guid.NewGuid(), 1)));
    }

    [Fact]
    public async Task Reads_the_owner_once()
    {
        var owners = new ConversationOwners(_store, new DictionaryStateCache());

        await owners.CustomerOfAsync(Id.Value, default);
        await owners.CustomerOfAsync(Id.Value, default);

        _store.StreamReads.ShouldBe(1, "whose conversation it is never changes");
    }

    private async Task<bool> PassesAsync<TMessage>(TMessage message)
        where TMessage : notnull, Mediator.IMessage
    {
        var behavior = new ConversationVisibilityBehavior<TMessage, bool>(new ConversationOwners(_store, new DictionaryStateCache()));
        return await behavior.Handle(message, (_, _) => ValueTask.FromResult(true), default);
    }
}
