namespace RiskStreams.Streams;

/// <summary>Lifecycle of a running application, as in Kafka Streams.</summary>
public enum StreamsState
{
    /// <summary>Built, not started.</summary>
    Created,

    /// <summary>Joining the group or moving partitions.</summary>
    Rebalancing,

    /// <summary>Processing.</summary>
    Running,

    /// <summary>Stop requested; flushing and committing.</summary>
    PendingShutdown,

    /// <summary>Stopped cleanly.</summary>
    NotRunning,

    /// <summary>A fatal error occurred (see <see cref="KafkaStreams.Error"/>); the threads are shutting down.</summary>
    PendingError,

    /// <summary>Stopped on an error; see <see cref="KafkaStreams.Error"/>.</summary>
    Error,
}
