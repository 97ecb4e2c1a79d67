using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Routes a failed record to the handler for where it failed (deserialization, processing, or producing an output
/// record) and carries out the answer: fail the thread, or skip the record — logged, counted, and sent
/// unchanged to the dead-letter topic with its source position and the error in headers when one is configured. A
/// poison record therefore never stops the processor nor the records behind it unless a handler says so.
/// </summary>
internal sealed class HandlerErrorPolicy(StreamsOptions options, ILogger logger)
{
    /// <summary>Asks the handler for where <paramref name="error"/> arose; sends the record to the dead-letter topic through <paramref name="output"/> when skipped.</summary>
    public ProcessingErrorAction OnError(TaskId task, in ConsumedRecord record, Exception error, IRecordSink output)
    {
        var (stage, cause, response) = Decide(task, record, error);
        if (response == ExceptionHandlerResponse.Fail)
        {
            Log.RecordFailed(logger, cause, options.ApplicationId, stage, record.Topic, record.Partition, record.Offset);
            return ProcessingErrorAction.Fail;
        }

        var tags = Tags(stage, cause);
        StreamsMetrics.SkippedRecords.Add(1, tags);
        if (options.DeadLetterTopic is { } deadLetters)
        {
            var headers = DeadLetter.Headers(record, cause, stage);
            output.Send(deadLetters, record.Key, DeadLetter.FittingValue(record, headers, options.MaxChangelogRecordBytes), record.TimestampMs, headers);
            StreamsMetrics.DeadLetters.Add(1, tags);
        }

        Log.RecordSkipped(logger, options.ApplicationId, stage, record.Topic, record.Partition, record.Offset, cause.GetType().Name,
            options.DeadLetterTopic is { } topic ? $" and went to {topic}" : "");
        Log.RecordSkippedReason(logger, options.ApplicationId, record.Topic, record.Partition, record.Offset, LogText.Clip(cause.Message));
        return ProcessingErrorAction.Continue;
    }

    /// <summary>
    /// A wall-clock punctuation of <paramref name="task"/> threw (KIP-1033: the processing handler decides, with no
    /// input record — the one it is shown has no topic and offset -1). Skipped, it is logged, counted and dead-lettered
    /// with the refused state key when the error is a <see cref="StateRecordTooLargeException"/>; the punctuation
    /// runs again at its next interval.
    /// </summary>
    public ProcessingErrorAction OnPunctuationError(TaskId task, Exception error, long wallClockMs, IRecordSink output)
    {
        var key = error is StateRecordTooLargeException { Key: var refused } ? refused.ToArray() : null;
        var record = new ConsumedRecord("", task.Partition, -1, key, null, wallClockMs, null);
        if (options.ProcessingExceptionHandler.OnProcessingError(task, record, error) == ExceptionHandlerResponse.Fail)
        {
            Log.RecordFailed(logger, error, options.ApplicationId, ErrorStage.Punctuation, $"task {task}", task.Partition, -1);
            return ProcessingErrorAction.Fail;
        }

        var tags = Tags(ErrorStage.Punctuation, error);
        StreamsMetrics.SkippedRecords.Add(1, tags);
        if (options.DeadLetterTopic is { } deadLetters)
        {
            output.Send(deadLetters, key, null, wallClockMs, DeadLetter.PunctuationHeaders(error, wallClockMs));
            StreamsMetrics.DeadLetters.Add(1, tags);
        }

        Log.RecordSkipped(logger, options.ApplicationId, ErrorStage.Punctuation, $"task {task}", task.Partition, -1, error.GetType().Name,
            options.DeadLetterTopic is { } topic ? $" and went to {topic}" : "");
        Log.RecordSkippedReason(logger, options.ApplicationId, $"task {task}", task.Partition, -1, LogText.Clip(error.Message));
        return ProcessingErrorAction.Continue;
    }

    /// <summary>Asks the production handler about an output record the broker refused; true to go on without it.</summary>
    public bool ContinueAfterRefusal(string topic, byte[]? key, byte[]? value, Exception error) =>
        options.ProductionExceptionHandler.OnProductionError(new ProductionErrorContext(topic, key, value, null, null), error)
            == ExceptionHandlerResponse.Continue;

    /// <summary>Logs and counts a refused output record the handler skipped; the caller sends it to <paramref name="deadLetterTopic"/> if any.</summary>
    public void ReportRefusalSkipped(string topic, Exception error, string? deadLetterTopic)
    {
        var tags = Tags(ErrorStage.Production, error);
        StreamsMetrics.SkippedRecords.Add(1, tags);
        if (deadLetterTopic is not null)
        {
            StreamsMetrics.DeadLetters.Add(1, tags);
        }

        Log.OutputSkipped(logger, options.ApplicationId, topic, deadLetterTopic is null ? "" : $" and went to {deadLetterTopic}", error.Message);
    }

    private (string Stage, Exception Cause, ExceptionHandlerResponse Response) Decide(TaskId task, ConsumedRecord record, Exception error) => error switch
    {
        RecordDeserializationException { InnerException: { } inner } =>
            (ErrorStage.Deserialization, inner, options.DeserializationExceptionHandler.OnDeserializationError(task, record, inner)),
        RecordProductionException { InnerException: { } inner } p =>
            (ErrorStage.Production, inner, options.ProductionExceptionHandler.OnProductionError(new ProductionErrorContext(p.Topic, p.Key, p.Value, p.TimestampMs, record), inner)),
        _ => (ErrorStage.Processing, error, options.ProcessingExceptionHandler.OnProcessingError(task, record, error)),
    };

    private static KeyValuePair<string, object?>[] Tags(string stage, Exception cause) =>
        [new("stage", stage), new("error", cause.GetType().Name)];
}
