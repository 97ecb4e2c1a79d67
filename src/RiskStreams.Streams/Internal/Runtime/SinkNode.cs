namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Serializes records and hands them to the task's record collector for a topic.</summary>
internal sealed class SinkNode<TKey, TValue>(string name, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    : RuntimeNode(name), IRecordReceiver<TKey, TValue>
{
    private TaskContext _context = null!;
    private string _topic = "";

    public override void Connect(RuntimeNode child) =>
        throw new InvalidOperationException($"Sink '{Name}' cannot have children ('{child.Name}').");

    public override void Init(TaskContext context)
    {
        _context = context;
        _topic = context.ResolveTopic(topic);
    }

    public void Receive(Record<TKey, TValue> record)
    {
        byte[]? key = null;
        byte[]? value;
        try
        {
            key = keySerde.Serialize(_topic, record.Key);
            value = valueSerde.Serialize(_topic, record.Value);
        }
        catch (Exception e)
        {
            throw new RecordProductionException(_topic, key, null, record.Timestamp, e);
        }

        _context.Collector.Send(_topic, key, value, record.Timestamp, record.Headers);
    }
}
