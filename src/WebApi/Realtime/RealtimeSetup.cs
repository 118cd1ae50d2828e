using System.Net.WebSockets;
using ChatClean.Application.Abstractions.Hosting;
using ChatClean.Application.Abstractions.Identity;

namespace ChatClean.WebApi.Realtime;

public static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RealtimeOptions>(configuration, RealtimeOptions.SectionName);
        services.AddSingleton<ConnectionAdmission>();
        services.AddSingleton<ConnectionManager>();
        services.AddSingleton<MessageRouter>();
        services.AddStartupStep<TypingRelay>(StartupPhase.Notices);
        services.AddStartupStep<ReplyDeltaRelay>(StartupPhase.Notices);
        services.AddEventReactor<ConversationFeed>();
        services.AddStartupStep<QueuePositionNotifier>(StartupPhase.Realtime);
        services.AddStartupStep<LiveFiguresPublisher>(StartupPhase.Realtime);
        services.AddStartupStep<RevokedSessionsClose>(StartupPhase.Realtime);
        services.AddStartupStep<GracefulClose>(StartupPhase.Realtime);
        return services;
    }

    /// <summary>When a user's sessions end (account disabled, password reset), their sockets on this node close with 4001.</summary>
    private sealed class RevokedSessionsClose(ConnectionManager connections, ISessionRevocation revocations) : IHostedService
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
