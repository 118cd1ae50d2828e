namespace ChatClean.Application.Abstractions;

/// <summary>
/// Fire-and-forget notices to every node of the deployment (this one included): "events were committed",
/// "drop these cache tags". Receivers must tolerate duplicates and losses; nothing here carries data that
/// is not also in the database.
/// </summary>
public interface IClusterBus
{
    void Publish(string channel, string message);

    /// <param name="includeOwn">
    /// Whether notices this node published reach <paramref name="handler"/> too. False for a receiver whose node
    /// already applied its own change before publishing it.
    /// </param>
    void Subscribe(string channel, Action<string> handler, bool includeOwn = true);
}
