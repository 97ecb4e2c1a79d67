namespace RiskStreams.Streams;

/// <summary>Fails on every error: the default for all three handlers, as in Kafka Streams. The engine logs the error.</summary>
public sealed class LogAndFailExceptionHandler : IDeserializationExceptionHandler, IProcessingExceptionHandler, IProductionExceptionHandler
{
    /// <summary>The shared instance.</summary>
    public static readonly LogAndFailExceptionHandler Instance = new();

    private LogAndFailExceptionHandler()
    {
    }

    /// <inheritdoc />
    public ExceptionHandlerResponse OnDeserializationError(TaskId task, ConsumedRecord record, Exception error) => ExceptionHandlerResponse.Fail;

    /// <inheritdoc />
    public ExceptionHandlerResponse OnProcessingError(TaskId task, ConsumedRecord record, Exception error) => ExceptionHandlerResponse.Fail;

    /// <inheritdoc />
    public ExceptionHandlerResponse OnProductionError(ProductionErrorContext context, Exception error) => ExceptionHandlerResponse.Fail;
}
