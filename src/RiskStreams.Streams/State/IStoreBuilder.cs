namespace RiskStreams.Streams.State;

/// <summary>Builds a complete (typed, layered) store for each task; add one to a topology with <see cref="StreamsBuilder.AddStateStore"/>.</summary>
public interface IStoreBuilder
{
    /// <summary>Store name.</summary>
    string Name { get; }

    /// <summary>Whether changes are written to a changelog topic.</summary>
    bool LoggingEnabled { get; }

    /// <summary>A new store for one task.</summary>
    IStateStore Build();
}
