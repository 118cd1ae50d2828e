using System.Net.WebSockets;
using ChatClean.WebApi.Realtime.Handlers;

namespace ChatClean.WebApi.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RealtimeOptions>(configuration.GetSection(RealtimeOptions.SectionName));
        services.AddSingleton<ConnectionManager>();
        services.AddSingleton<MessageRouter>();
        services.AddSingleton<TypingRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<TypingRelay>());
        services.AddSingleton<QueuePositionNotifier>();
        services.AddHostedService(sp => sp.GetRequiredService<QueuePositionNotifier>());
        services.AddHostedService<ConversationFeed>();
        services.AddHostedService<ReplyDeltaRelay>();
        services.AddHostedService<GracefulClose>();
        services.AddHostedService<RevokedSessionsClose>();
        services.AddHostedService<LiveFiguresPublisher>();
        foreach (var handler in new[]
        {
            typeof(PingHandler), typeof(PresenceHandler), typeof(ResumeHandler), typeof(SendMessageHandler), typeof(HumanRequestHandler),
            typeof(TypingHandler), typeof(TakeOverHandler), typeof(ReleaseHandler), typeof(CloseHandler), typeof(WatchFiguresHandler),
        })
        {
            services.AddSingleton(typeof(IFrameHandler), handler);
        }

        return services;
    }

    /// <summary>When a user's sessions end (account disabled, password reset), their sockets on this node close with 4001.</summary>
    private sealed class RevokedSessionsClose(ConnectionManager connections, ChatClean.Infrastructure.Identity.SessionRevocations revocations) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            revocations.Revoked += Close;
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            revocations.Revoked -= Close;
            return Task.CompletedTask;
        }

        private void Close(Guid userId)
        {
            foreach (var connection in connections.OfUser(userId))
            {
                connection.Close(ClientConnection.SessionRevoked, "session revoked");
            }
        }
    }

    /// <summary>On shutdown, every socket gets what is queued for it and then a close frame with 1001 (going away).</summary>
    private sealed class GracefulClose(ConnectionManager connections, IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStopping.Register(() =>
            {
                foreach (var connection in connections.All)
                {
                    connection.Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
                }
            });
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
