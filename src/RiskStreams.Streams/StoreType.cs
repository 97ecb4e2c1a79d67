namespace RiskStreams.Streams;

/// <summary>Which bytes store the DSL builds for a materialized store when no supplier is given.</summary>
public enum StoreType
{
    /// <summary>In memory, rebuilt from the changelog after a restart (the default).</summary>
    InMemory,

    /// <summary>RocksDB in the task's state directory (<see cref="StreamsOptions.StateDirectory"/>): survives restarts, need not fit in memory.</summary>
    RocksDb,
}
