namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>What a stream thread does when processing a record throws.</summary>
internal enum ProcessingErrorAction
{
    /// <summary>Stop the thread; the instance goes to <see cref="StreamsState.Error"/>.</summary>
    Fail,

    /// <summary>Count the record as processed and go on with the next one.</summary>
    Continue,
}
