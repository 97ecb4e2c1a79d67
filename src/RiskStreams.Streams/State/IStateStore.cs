namespace RiskStreams.Streams.State;

/// <summary>A named store owned by one task. Layers (typed, caching, change-logging) wrap a bytes store.</summary>
public interface IStateStore
{
    /// <summary>Store name, unique in the topology; also names the changelog topic <c>{applicationId}-{name}-changelog</c>.</summary>
    string Name { get; }

    /// <summary>True for stores that keep data on disk across restarts.</summary>
    bool Persistent { get; }

    /// <summary>Opens the store for a task.</summary>
    void Init(IStateStoreContext context);

    /// <summary>Writes buffered changes through (called before each commit).</summary>
    void Flush();

    /// <summary>Closes the store.</summary>
    void Close();
}
