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
