using Confluent.Kafka;

namespace RiskStreams.Streams;

/// <summary>Where a handler sends its output records. Sends are asynchronous; the runtime flushes them before each commit.</summary>
public interface IRecordSink
{
    /// <summary>Queues a record for <paramref name="topic"/>.</summary>
    void Send(string topic, byte[]? key, byte[]? value, long timestampMs, Headers? headers = null);
}
