namespace RiskStreams.Streams.Testing;

/// <summary>Reads typed records a <see cref="TopologyTestDriver"/> produced to one topic, in produce order.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly TopologyTestDriver _driver;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;

    internal TestOutputTopic(TopologyTestDriver driver, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        _driver = driver;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    /// <summary>Topic name.</summary>
    public string Topic { get; }

    /// <summary>Records not read yet.</summary>
    public int QueueSize => _driver.Output(Topic).Count;

    /// <summary>True when every record has been read.</summary>
    public bool IsEmpty => QueueSize == 0;

    /// <summary>Reads the next record; throws when none is left.</summary>
    public TestRecord<TKey, TValue> ReadRecord()
    {
        var queue = _driver.Output(Topic);
        if (queue.Count == 0)
        {
            throw new InvalidOperationException($"No more records in output topic '{Topic}'.");
        }

        var raw = queue.Dequeue();
        return new TestRecord<TKey, TValue>(
            _keySerde.Deserialize(Topic, raw.Key, raw.Key is null), _valueSerde.Deserialize(Topic, raw.Value, raw.Value is null), raw.TimestampMs, raw.Headers);
    }

    /// <summary>Reads the next record's key and value.</summary>
    public KeyValuePair<TKey, TValue> ReadKeyValue()
    {
        var r = ReadRecord();
        return KeyValuePair.Create(r.Key, r.Value);
    }

    /// <summary>Reads the next value.</summary>
    public TValue ReadValue() => ReadRecord().Value;

    /// <summary>Reads every remaining record.</summary>
    public IReadOnlyList<TestRecord<TKey, TValue>> ReadRecordsToList()
    {
        var list = new List<TestRecord<TKey, TValue>>();
        while (!IsEmpty)
        {
            list.Add(ReadRecord());
        }

        return list;
    }
}
