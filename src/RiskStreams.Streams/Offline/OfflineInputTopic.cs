namespace RiskStreams.Streams.Offline;

/// <summary>Pipes typed records into one input topic of a <see cref="OfflineTopologyRunner"/>; each is processed at once.</summary>
public sealed class OfflineInputTopic<TKey, TValue>
{
    private readonly OfflineTopologyRunner _runner;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;

    internal OfflineInputTopic(OfflineTopologyRunner runner, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        _runner = runner;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    /// <summary>Topic name.</summary>
    public string Topic { get; }

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, long timestamp, Confluent.Kafka.Headers? headers = null) =>
        _runner.Pipe(Topic, _keySerde.Serialize(Topic, key), _valueSerde.Serialize(Topic, value), timestamp, headers);

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, DateTimeOffset timestamp) => PipeInput(key, value, timestamp.ToUnixTimeMilliseconds());

    /// <summary>Pipes raw bytes: pre-serialized input, or malformed input to see how a topology treats it.</summary>
    public void PipeRaw(byte[]? key, byte[]? value, long timestamp) => _runner.Pipe(Topic, key, value, timestamp, null);

    /// <summary>Pipes records in order.</summary>
    public void PipeRecords(IEnumerable<(TKey Key, TValue Value, long Timestamp)> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (var (key, value, timestamp) in records)
        {
            PipeInput(key, value, timestamp);
        }
    }
}
