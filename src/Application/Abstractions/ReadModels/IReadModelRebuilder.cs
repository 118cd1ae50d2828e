namespace ChatClean.Application.Abstractions.ReadModels;

/// <summary>Starts a rebuild of every read model from position 0 of the event log (the projection replays it in the background).</summary>
public interface IReadModelRebuilder
{
    Task StartRebuildAsync(CancellationToken cancellationToken);
}
