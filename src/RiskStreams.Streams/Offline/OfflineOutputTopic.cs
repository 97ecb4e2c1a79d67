namespace RiskStreams.Streams.Offline;

/// <summary>Reads typed records a <see cref="OfflineTopologyRunner"/> produced to one topic, in produce order.</summary>
public sealed class OfflineOutputTopic<TKey, TValue>
{
    private readonly OfflineTopologyRunner _runner;
    private readonly Serde<TKey> _keySerde;
    private readonly Serde<TValue> _valueSerde;

    internal OfflineOutputTopic(OfflineTopologyRunner runner, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    {
        _runner = runner;
        Topic = topic;
        _keySerde = keySerde;
        _valueSerde = valueSerde;
    }

    /// <summary>Topic name.</summary>
    public string Topic { get; }

    /// <summary>Records not read yet.</summary>
    public int QueueSize => _runner.Output(Topic).Count;

    /// <summary>True when every record has been read.</summary>
    public bool IsEmpty => QueueSize == 0;

    /// <summary>Reads the next record; throws when none is left.</summary>
    public OfflineRecord<TKey, TValue> ReadRecord()
    {
        var queue = _runner.Output(Topic);
        if (queue.Count == 0)
        {
            throw new InvalidOperationException($"No more records in output topic '{Topic}'.");
        }

        var raw = queue.Dequeue();
        return new OfflineRecord<TKey, TValue>(
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
    public IReadOnlyList<OfflineRecord<TKey, TValue>> ReadRecordsToList()
    {
        var list = new List<OfflineRecord<TKey, TValue>>();
        while (!IsEmpty)
        {
            list.Add(ReadRecord());
        }

        return list;
    }
}
