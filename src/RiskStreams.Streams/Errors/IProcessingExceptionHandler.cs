namespace RiskStreams.Streams;

/// <summary>Decides about an input record whose processing threw in an operator (Kafka's <c>processing.exception.handler</c>).</summary>
public interface IProcessingExceptionHandler
{
    /// <summary>Called on the stream thread; must not throw.</summary>
    /// <param name="task">The task that processed the record.</param>
    /// <param name="record">The raw input record, with its position.</param>
    /// <param name="error">What the operator threw.</param>
    ExceptionHandlerResponse OnProcessingError(TaskId task, ConsumedRecord record, Exception error);
}
