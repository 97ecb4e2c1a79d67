namespace RiskStreams.Streams.Testing;

/// <summary>Pipes typed records into one input topic of a <see cref="TopologyTestDriver"/>; each is processed at once.</summary>
public sealed class TestInputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;

    internal TestInputTopic(TopologyTestDriver driver, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    /// <summary>Topic name.</summary>
    public string Topic { get; }

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, long timestamp, Confluent.Kafka.Headers? headers = null) =>
        _driver.Pipe(Topic, _keySerde.Serialize(Topic, key), _valueSerde.Serialize(Topic, value), timestamp, headers);

    /// <summary>Pipes one record with an explicit timestamp.</summary>
    public void PipeInput(TKey key, TValue value, DateTimeOffset timestamp) => PipeInput(key, value, timestamp.ToUnixTimeMilliseconds());

    /// <summary>Pipes raw bytes (to test how a topology treats malformed input).</summary>
    public void PipeRaw(byte[]? key, byte[]? value, long timestamp) => _driver.Pipe(Topic, key, value, timestamp, null);

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
