using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Sends a record that failed to deserialize or process to the dead-letter topic, unchanged, with
/// its source position and the error in headers (<see cref="DeadLetterHeaders"/>), counts it, and
/// lets the thread go on: a poison record never stops the processor nor the records behind it.
/// </summary>
internal sealed class DeadLetterOnProcessingError(string topic, string applicationId, ILogger logger) : IProcessingErrorPolicy
{
    public ProcessingErrorAction OnError(TaskId task, in ConsumedRecord record, Exception error, IRecordSink output)
    {
        output.Send(topic, record.Key, record.Value, record.TimestampMs, DeadLetter.Headers(record, error));
        StreamsMetrics.DeadLetters.Add(1, new KeyValuePair<string, object?>("error", error.GetType().Name));
        Log.DeadLettered(logger, applicationId, record.Topic, record.Partition, record.Offset, topic, error.Message);
        return ProcessingErrorAction.Continue;
    }
}
