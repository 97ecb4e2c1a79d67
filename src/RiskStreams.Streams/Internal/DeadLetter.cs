using System.Globalization;
using System.Text;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal;

internal static class DeadLetter
{
    public static Headers Headers(in ConsumedRecord record, Exception error)
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
        Add(headers, DeadLetterHeaders.ErrorClass, error.GetType().FullName ?? error.GetType().Name);
        Add(headers, DeadLetterHeaders.ErrorMessage, error.Message);
        Add(headers, DeadLetterHeaders.Timestamp, record.TimestampMs.ToString(CultureInfo.InvariantCulture));
        return headers;
    }

    private static void Add(Headers headers, string key, string value) => headers.Add(key, Encoding.UTF8.GetBytes(value));
}
