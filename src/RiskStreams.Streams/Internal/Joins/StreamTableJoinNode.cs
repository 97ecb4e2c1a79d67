using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// Joins each stream record with the table row of the key it maps to (stream-table and stream-global-table joins).
/// Records with a null value, and (inner joins) records whose join key is null, are dropped and counted; a left
/// join forwards them with a missing table side (KIP-962). With a grace period (KIP-923) records wait in a buffer
/// until stream time passes their timestamp plus the grace, then join as of their own timestamp; a record already
/// older than that joins at once. With an idle release, a wall-clock punctuation joins everything still buffered once no
/// stream record has arrived for that long (a quiet partition's stream time would not move).
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
    private long _lastReceivedWallClockMs;
    private bool _receivedSinceRelease;

    public override void Receive(Record<TKey, TValue> record)
    {
        _lastReceivedWallClockMs = Context.WallClockTime;
        _receivedSinceRelease = true;
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

        JoinEvicted(deadline);
    }

    protected override void OnInit()
    {
        table.Init(Context);
        if (grace is not null)
        {
            _buffer = Store<JoinGraceBuffer>(grace.BufferStoreName);
            _bufferTopic = $"{Context.ApplicationId}-{grace.BufferStoreName}-changelog";
            if (grace.IdleReleaseMs is { } idleMs)
            {
                // Records restored into the buffer count as received now. Checked a few times per idle period, so the
                // release comes at most a quarter late.
                _lastReceivedWallClockMs = Context.WallClockTime;
                _receivedSinceRelease = true;
                Context.Schedule(this, TimeSpan.FromMilliseconds(Math.Max(1, idleMs / 4)), PunctuationType.WallClockTime, now => ReleaseIfIdle(now, idleMs));
            }
        }
    }

    /// <summary>Joins every buffered record, in timestamp order, once no stream record has arrived for <paramref name="idleMs"/>.</summary>
    private void ReleaseIfIdle(long nowMs, long idleMs)
    {
        if (_receivedSinceRelease && nowMs - _lastReceivedWallClockMs >= idleMs)
        {
            // Only once per quiet period: the buffer stays empty until the next record.
            _receivedSinceRelease = false;
            JoinEvicted(long.MaxValue);
        }
    }

    private void JoinEvicted(long deadline)
    {
        foreach (var (timestamp, key, value, headers) in _buffer!.EvictUpTo(deadline))
        {
            var buffered = new Record<TKey, TValue>(grace!.KeySerde.Deserialize(_bufferTopic, key, false), grace.ValueSerde.Deserialize(_bufferTopic, value, false), timestamp)
            {
                Headers = headers,
            };
            Join(buffered, keySelector(buffered.Key, buffered.Value));
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

