namespace ChatClean.WebApi.IntegrationTests.Realtime;

/// <summary>The WebSocket test classes share one service (on MariaDB and Redis) and run one after another.</summary>
[CollectionDefinition(nameof(WebSocketHost))]
public sealed class WebSocketHost : ICollectionFixture<ChatCleanApiFactory>;
