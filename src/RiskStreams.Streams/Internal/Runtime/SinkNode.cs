using System.Diagnostics;

namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>
/// Serializes records and hands them to the task's record collector for a topic, observing the consume-to-produce latency of
/// the input record that led to each.
/// </summary>
internal sealed class SinkNode<TKey, TValue>(string name, string topic, Serde<TKey> keySerde, Serde<TValue> valueSerde)
    : RuntimeNode(name), IRecordReceiver<TKey, TValue>
{
    private TaskContext _context = null!;
    private string _topic = "";
    private KeyValuePair<string, object?> _topicTag;

    public override void Connect(RuntimeNode child) =>
        throw new InvalidOperationException($"Sink '{Name}' cannot have children ('{child.Name}').");

    public override void Init(TaskContext context)
    {
        _context = context;
        _topic = context.ResolveTopic(topic);
        _topicTag = new KeyValuePair<string, object?>("topic", _topic);
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
        if (_context.RecordReceivedTicks != 0 && StreamsMetrics.ConsumeToProduceLatency.Enabled)
        {
            StreamsMetrics.ConsumeToProduceLatency.Record(Stopwatch.GetElapsedTime(_context.RecordReceivedTicks).TotalSeconds, _topicTag);
        }
    }
}
