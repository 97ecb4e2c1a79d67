using RiskStreams.Streams.Offline;

namespace RiskStreams.Streams.Testing;

/// <summary>Reads typed records a <see cref="TopologyTestDriver"/> produced to one topic, in produce order.</summary>
public sealed class TestOutputTopic<TKey, TValue>
{
    private readonly OfflineOutputTopic<TKey, TValue> _output;

    internal TestOutputTopic(OfflineOutputTopic<TKey, TValue> output) => _output = output;

    /// <summary>Topic name.</summary>
    public string Topic => _output.Topic;

    /// <summary>Records not read yet.</summary>
    public int QueueSize => _output.QueueSize;

    /// <summary>True when every record has been read.</summary>
    public bool IsEmpty => _output.IsEmpty;

    /// <summary>Reads the next record; throws when none is left.</summary>
    public TestRecord<TKey, TValue> ReadRecord()
    {
        var r = _output.ReadRecord();
        return new TestRecord<TKey, TValue>(r.Key, r.Value, r.Timestamp, r.Headers);
    }

    /// <summary>Reads the next record's key and value.</summary>
    public KeyValuePair<TKey, TValue> ReadKeyValue() => _output.ReadKeyValue();

    /// <summary>Reads the next value.</summary>
    public TValue ReadValue() => _output.ReadValue();

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
