using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// One side of a windowed stream-stream join (Kafka Streams 3.x semantics). Each record joins the other side's
/// buffered records of the same key within the window, at the later of the two timestamps, then is buffered itself
/// (an expired record — at or before this side's stream time minus window size and grace — is not buffered, and is
/// counted as dropped). For left/outer joins a record without a partner waits in the shared outer buffer and is
/// emitted with a missing partner, at its own timestamp, once stream time (of both sides) passes its window end plus
/// grace; one whose window has already ended on arrival is emitted at once.
/// </summary>
/// <remarks>The joiner is oriented this/other; the right side's node gets the user's joiner with its arguments swapped.</remarks>
internal sealed class StreamStreamJoinNode<TKey, TThis, TOther, TResult>(
    string name,
    StreamJoinSide side,
    Serde<TKey> keySerde,
    Serde<TThis> thisSerde,
    Serde<TOther> otherSerde,
    Func<TKey, TThis, TOther, TResult> joiner)
    : TaskProcessorNode<TKey, TThis, TKey, TResult>(name)
{
    private JoinWindowStore _this = null!;
    private JoinWindowStore _other = null!;
    private JoinOuterStore? _outer;
    private string _thisTopic = "";
    private string _otherTopic = "";

    public override void Receive(Record<TKey, TThis> record)
    {
        var timestamp = record.Timestamp;
        _this.Observe(timestamp);
        var streamTime = Math.Max(_this.StreamTime, _other.StreamTime);
        if (record.Key is null && record.Value is not null && side.Outer)
        {
            // KIP-962: a left/outer join keeps a record with a null key, without a partner.
            Forward(record.WithValue(joiner(record.Key, record.Value, default!)));
            return;
        }

        if (record.Key is null || record.Value is null)
        {
            Context.RecordDropped("null-join-key-or-value");
            return;
        }

        if (_outer is not null && timestamp == streamTime)
        {
            EmitClosed(streamTime, record);
        }

        var key = keySerde.Serialize(_thisTopic, record.Key)!;
        var value = thisSerde.Serialize(_thisTopic, record.Value)!;
        var windowEnd = Math.Max(0, timestamp + side.JoinAfterMs);
        var matched = false;
        foreach (var (otherTimestamp, otherValue) in _other.Fetch(key, Math.Max(0, timestamp - side.JoinBeforeMs), windowEnd))
        {
            matched = true;
            _outer?.RemoveAll(otherTimestamp, !side.IsLeftSide, key);
            var joined = joiner(record.Key, record.Value, otherSerde.Deserialize(_otherTopic, otherValue, false));
            Forward(new Record<TKey, TResult>(record.Key, joined, Math.Max(timestamp, otherTimestamp)) { Headers = record.Headers });
        }

        if (!matched && side.Outer)
        {
            if (_outer is null || windowEnd < streamTime)
            {
                Forward(record.WithValue(joiner(record.Key, record.Value, default!)));
            }
            else
            {
                _outer.Put(timestamp, side.IsLeftSide, key, value);
            }
        }

        if (!_this.TryPut(key, timestamp, value))
        {
            Context.RecordDropped("expired-join-window");
        }
    }

    protected override void OnInit()
    {
        _this = Store<JoinWindowStore>(side.ThisStore);
        _other = Store<JoinWindowStore>(side.OtherStore);
        _outer = side.OuterStore is null ? null : Store<JoinOuterStore>(side.OuterStore);
        _thisTopic = $"{Context.ApplicationId}-{side.ThisStore}-changelog";
        _otherTopic = $"{Context.ApplicationId}-{side.OtherStore}-changelog";
    }

    /// <summary>Emits, in time order, every buffered record without a partner whose window plus grace has closed.</summary>
    private void EmitClosed(long streamTime, Record<TKey, TThis> trigger)
    {
        var outer = _outer!;
        var grace = side.Windows.GraceMs;
        var minLookAhead = Math.Min(side.Windows.BeforeMs, side.Windows.AfterMs);
        if (outer.MinTimestamp == long.MaxValue || outer.MinTimestamp + minLookAhead + grace >= streamTime)
        {
            return;
        }

        var remaining = long.MaxValue;
        foreach (var (rawKey, rawValue) in outer.All())
        {
            var (timestamp, leftSide, keyBytes) = JoinKeyCodec.ReadOuterKey(rawKey);
            if (timestamp + minLookAhead + grace >= streamTime)
            {
                // Entries are in time order: none from here on can have closed.
                remaining = Math.Min(remaining, timestamp);
                break;
            }

            if (timestamp + side.LookAheadMs(leftSide) + grace >= streamTime)
            {
                remaining = Math.Min(remaining, timestamp);
                continue;
            }

            var thisSide = leftSide == side.IsLeftSide;
            var key = keySerde.Deserialize(thisSide ? _thisTopic : _otherTopic, keyBytes, false);
            var result = thisSide
                ? joiner(key, thisSerde.Deserialize(_thisTopic, rawValue, false), default!)
                : joiner(key, default!, otherSerde.Deserialize(_otherTopic, rawValue, false));

            // Kafka Streams forwards these with the headers of the record that advanced stream time.
            Forward(new Record<TKey, TResult>(key, result, timestamp) { Headers = trigger.Headers });
            outer.Delete(rawKey);
        }

        outer.ResetMinTimestamp(remaining);
    }
}
