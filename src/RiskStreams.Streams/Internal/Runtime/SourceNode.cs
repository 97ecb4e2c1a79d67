namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Deserializes raw records of its topics, assigns event time, and forwards them.</summary>
internal sealed class SourceNode<TKey, TValue>(string name, Serde<TKey> keySerde, Serde<TValue> valueSerde, TimestampExtractor<TKey, TValue>? extractor)
    : RuntimeNode<TKey, TValue>(name), ISourceNode
{
    private TaskContext _context = null!;

    public override void Init(TaskContext context) => _context = context;

    public void Process(in ConsumedRecord raw)
    {
        TKey key;
        TValue value;
        try
        {
            key = keySerde.Deserialize(raw.Topic, raw.Key, raw.Key is null);
            value = valueSerde.Deserialize(raw.Topic, raw.Value, raw.Value is null);
        }
        catch (Exception e)
        {
            throw new RecordDeserializationException(e);
        }

        var timestamp = extractor is null ? raw.TimestampMs : extractor(key, value, raw.TimestampMs);
        if (timestamp < 0)
        {
            _context.RecordDroppedInvalidTimestamp(raw);
            return;
        }

        _context.BeginRecord(new RecordMetadata(raw.Topic, raw.Partition, raw.Offset), timestamp);
        Forward(new Record<TKey, TValue>(key, value, timestamp) { Headers = raw.Headers });
    }
}

/// <summary>Untyped view of a source node so the task can feed raw records.</summary>
internal interface ISourceNode
{
    string Name { get; }

    void Process(in ConsumedRecord raw);
}
