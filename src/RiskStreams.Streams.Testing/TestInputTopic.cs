using RiskStreams.Streams.Offline;

namespace RiskStreams.Streams.Testing;

/// <summary>Pipes typed records into one input topic of a <see cref="TopologyTestDriver"/>; each is processed at once.</summary>
public sealed class TestInputTopic<TKey, TValue>
{
    private readonly OfflineInputTopic<TKey, TValue> _input;

    internal TestInputTopic(OfflineInputTopic<TKey, TValue> input) => _input = input;

    /// <summary>Topic name.</summary>
    public string Topic => _input.Topic;

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, long timestamp, Confluent.Kafka.Headers? headers = null) => _input.PipeInput(key, value, timestamp, headers);

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, DateTimeOffset timestamp) => _input.PipeInput(key, value, timestamp);

    /// <summary>Pipes raw bytes (to test how a topology treats malformed input).</summary>
    public void PipeRaw(byte[]? key, byte[]? value, long timestamp) => _input.PipeRaw(key, value, timestamp);

    /// <summary>Pipes records in order.</summary>
    public void PipeRecords(IEnumerable<(TKey Key, TValue Value, long Timestamp)> records) => _input.PipeRecords(records);
}
