namespace RiskStreams.Streams.State;

/// <summary>
/// A store that calls back at the start of every flush (each commit, and before it closes), so a processor that keeps its
/// latest changes in memory can write them just in time: a change made and undone within one commit interval then never
/// reaches the store, its cache or its changelog. Key-value stores built by <see cref="Stores"/> implement it.
/// </summary>
public interface IFlushingStore
{
    /// <summary>Runs <paramref name="beforeFlush"/> at the start of every flush, before anything is written through.</summary>
    void BeforeFlush(Action beforeFlush);
}
