namespace ChatClean.Infrastructure.ReadModels;

/// <summary>
/// One read-model table fed from the log. For each page, a fresh instance (scoped to the page's transaction) loads
/// the rows it will change, then stages the change of every event; the subscription saves them together with its
/// checkpoint, so every table always describes the same position of the log.
/// </summary>
public interface IReadModelProjection
{
    Task LoadAsync(ReadModelPage page, CancellationToken cancellationToken);

    void Apply(ReadModelPage page, ProjectedEvent change);
}
