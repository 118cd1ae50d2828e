namespace ChatClean.WebApi.IntegrationTests.Conversations;

/// <summary>The REST conversation test classes share one service (on MariaDB) and run one after another.</summary>
[CollectionDefinition(nameof(ConversationHost))]
public sealed class ConversationHost : ICollectionFixture<ChatCleanApiFactory>;
