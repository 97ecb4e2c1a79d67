using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// Joins each stream record with the table row of the key it maps to (stream-table and stream-global-table joins).
/// Records with a null value, and (inner joins) records whose join key is null, are dropped and counted; a left
/// join forwards them with a missing table side (KIP-962). With a grace period (KIP-923) records wait in a buffer
/// until stream time passes their timestamp plus the grace, then join as of their own timestamp; a record already
/// older than that joins at once.
/// </summary>
internal sealed class StreamTableJoinNode<TKey, TValue, TTableKey, TTableValue, TResult>(
    string name,
    ITableLookup<TTableKey, TTableValue> table,
    Func<TKey, TValue, TTableKey> keySelector,
    Func<TKey, TValue, TTableValue, TResult> joiner,
    bool leftJoin,
    StreamTableJoinGrace<TKey, TValue>? grace)
    : TaskProcessorNode<TKey, TValue, TKey, TResult>(name)
{
    private JoinGraceBuffer? _buffer;
    private string _bufferTopic = "";

    public override void Receive(Record<TKey, TValue> record)
    {
        _buffer?.Observe(record.Timestamp);
        if (record.Value is null)
        {
            Context.RecordDropped("null-join-value");
            return;
        }

        // A table join's selector returns the stream key; a global join's may compute a key even for a null stream key.
        var tableKey = keySelector(record.Key, record.Value);
        if (tableKey is null)
        {
            if (leftJoin)
            {
                Forward(record.WithValue(joiner(record.Key, record.Value, default!)));
            }
            else
            {
                Context.RecordDropped("null-join-key");
            }

            return;
        }

        if (_buffer is null || grace is null)
        {
            Join(record, tableKey);
            return;
        }

        var deadline = _buffer.StreamTime - grace.GraceMs;
        if (record.Timestamp < deadline)
        {
            Join(record, tableKey);
        }
        else
        {
            _buffer.Put(record.Timestamp, grace.KeySerde.Serialize(_bufferTopic, record.Key)!, grace.ValueSerde.Serialize(_bufferTopic, record.Value)!, record.Headers);
        }

        foreach (var (timestamp, key, value, headers) in _buffer.EvictUpTo(deadline))
        {
            var buffered = new Record<TKey, TValue>(grace.KeySerde.Deserialize(_bufferTopic, key, false), grace.ValueSerde.Deserialize(_bufferTopic, value, false), timestamp)
            {
                Headers = headers,
            };
            Join(buffered, keySelector(buffered.Key, buffered.Value));
        }
    }

    protected override void OnInit()
    {
        table.Init(Context);
        if (grace is not null)
        {
            _buffer = Store<JoinGraceBuffer>(grace.BufferStoreName);
            _bufferTopic = $"{Context.ApplicationId}-{grace.BufferStoreName}-changelog";
        }
    }

    private void Join(Record<TKey, TValue> record, TTableKey tableKey)
    {
        var found = table.TryGet(tableKey, record.Timestamp, out var tableValue);
        if (found || leftJoin)
        {
            Forward(record.WithValue(joiner(record.Key, record.Value, found ? tableValue : default!)));
        }
    }
}

