namespace ChatClean.WebApi.IntegrationTests.WaitingTimeouts;

/// <summary>The waiting-timeout test classes share one service and run one after another (the queue they look at is that service's).</summary>
[CollectionDefinition(nameof(WaitingTimeoutHost))]
public sealed class WaitingTimeoutHost : ICollectionFixture<WaitingTimeoutApi>;
