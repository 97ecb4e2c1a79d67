namespace RiskStreams.Streams;

/// <summary>What the engine does with a record an exception handler was called for.</summary>
public enum ExceptionHandlerResponse
{
    /// <summary>
    /// Skip the record and go on with the next one. The engine logs and counts it and, when
    /// <see cref="StreamsOptions.DeadLetterTopic"/> is set, sends it there with the error in headers.
    /// </summary>
    Continue,

    /// <summary>Stop the stream thread with the error (the instance moves to <see cref="StreamsState.Error"/>).</summary>
    Fail,
}
