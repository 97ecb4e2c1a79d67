namespace RiskStreams.Streams;

/// <summary>Decides about an input record whose key or value failed to deserialize (Kafka's <c>default.deserialization.exception.handler</c>).</summary>
public interface IDeserializationExceptionHandler
{
    /// <summary>Called on the stream thread; must not throw.</summary>
    /// <param name="task">The task that read the record.</param>
    /// <param name="record">The raw record, with its position.</param>
    /// <param name="error">The serde's exception.</param>
    ExceptionHandlerResponse OnDeserializationError(TaskId task, ConsumedRecord record, Exception error);
}
