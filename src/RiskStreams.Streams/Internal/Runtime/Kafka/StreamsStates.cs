namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>The allowed moves between <see cref="StreamsState"/> values, for the instance and for each thread.</summary>
internal static class StreamsStates
{
    /// <summary>Error and NotRunning are final; a shutdown in progress can only finish or fail; a failing one only fail.</summary>
    public static bool CanMove(StreamsState from, StreamsState to) => from switch
    {
        StreamsState.Error or StreamsState.NotRunning => false,
        StreamsState.PendingError => to is StreamsState.Error,
        StreamsState.PendingShutdown => to is StreamsState.NotRunning or StreamsState.PendingError or StreamsState.Error,
        _ => true,
    };
}
