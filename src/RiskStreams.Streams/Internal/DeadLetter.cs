using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal;

internal static class DeadLetter
{
    /// <summary>Headers of a dead-lettered input record: its own headers, then source position, stage and error.</summary>
    public static Headers Headers(in ConsumedRecord record, Exception error, string stage)
    {
        var headers = new Headers();
        if (record.Headers is not null)
        {
            foreach (var h in record.Headers)
            {
                headers.Add(h.Key, h.GetValueBytes());
            }
        }

        Add(headers, DeadLetterHeaders.SourceTopic, record.Topic);
        Add(headers, DeadLetterHeaders.SourcePartition, record.Partition.ToString(CultureInfo.InvariantCulture));
        Add(headers, DeadLetterHeaders.SourceOffset, record.Offset.ToString(CultureInfo.InvariantCulture));
        AddError(headers, error, stage, record.TimestampMs);
        return headers;
    }

    /// <summary>
    /// The value to dead-letter with <paramref name="headers"/>: the record's own, or none (noted in
    /// <see cref="DeadLetterHeaders.ValueDroppedBytes"/>) when the dead letter would be over <paramref name="maxBytes"/>,
    /// which the producer would refuse — a near-limit poison record must not stop the thread that skips it.
    /// </summary>
    public static byte[]? FittingValue(in ConsumedRecord record, Headers headers, int maxBytes)
    {
        if (maxBytes <= 0 || record.Value is not { } value)
        {
            return record.Value;
        }

        long size = (record.Key?.Length ?? 0) + value.Length + State.ChangelogRecordLimit.OverheadBytes;
        foreach (var header in headers)
        {
            size += header.Key.Length + header.GetValueBytes().Length;
        }

        if (size <= maxBytes)
        {
            return value;
        }

        Add(headers, DeadLetterHeaders.ValueDroppedBytes, value.Length.ToString(CultureInfo.InvariantCulture));
        return null;
    }

    /// <summary>Headers of a failed wall-clock punctuation: stage, error and the task's wall-clock time.</summary>
    public static Headers PunctuationHeaders(Exception error, long wallClockMs)
    {
        var headers = new Headers();
        AddError(headers, error, ErrorStage.Punctuation, wallClockMs);
        return headers;
    }

    /// <summary>Headers of an output record the broker refused: output topic, stage and error (no source position or timestamp is known).</summary>
    public static Headers OutputHeaders(string outputTopic, Exception error)
    {
        var headers = new Headers();
        Add(headers, DeadLetterHeaders.OutputTopic, outputTopic);
        AddError(headers, error, ErrorStage.Production, null);
        return headers;
    }

    private static void AddError(Headers headers, Exception error, string stage, long? timestampMs)
    {
        Add(headers, DeadLetterHeaders.Stage, stage);
        Add(headers, DeadLetterHeaders.ErrorClass, error.GetType().FullName ?? error.GetType().Name);
        Add(headers, DeadLetterHeaders.ErrorMessage, error.Message);
        if (timestampMs is { } timestamp)
        {
            Add(headers, DeadLetterHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static void Add(Headers headers, string key, string value) => headers.Add(key, Encoding.UTF8.GetBytes(value));
}
