namespace RiskStreams.Streams;

/// <summary>
/// Skips the failing record and goes on; the engine logs and counts it and, when
/// <see cref="StreamsOptions.DeadLetterTopic"/> is set, sends it to the dead-letter topic.
/// </summary>
public sealed class LogAndContinueExceptionHandler : IDeserializationExceptionHandler, IProcessingExceptionHandler, IProductionExceptionHandler
{
    /// <summary>The shared instance.</summary>
    public static readonly LogAndContinueExceptionHandler Instance = new();

    private LogAndContinueExceptionHandler()
    {
    }

    /// <inheritdoc />
    public ExceptionHandlerResponse OnDeserializationError(TaskId task, ConsumedRecord record, Exception error) => ExceptionHandlerResponse.Continue;

    /// <inheritdoc />
    public ExceptionHandlerResponse OnProcessingError(TaskId task, ConsumedRecord record, Exception error) => ExceptionHandlerResponse.Continue;

    /// <inheritdoc />
    public ExceptionHandlerResponse OnProductionError(ProductionErrorContext context, Exception error) => ExceptionHandlerResponse.Continue;
}
