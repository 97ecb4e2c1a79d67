using RiskStreams.Risk;
using RiskStreams.Streams.State;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

public sealed class ReorderBufferStoreTests
{
    [Fact]
    public void Key_bytes_sort_unsigned_lexicographically_as_event_time_then_sequence_also_before_1970()
    {
        var keys = new[]
        {
            new ReorderKey(long.MinValue, 0), new ReorderKey(-86_400_000, 3), new ReorderKey(-1, 0), new ReorderKey(-1, 1), new ReorderKey(0, 0),
            new ReorderKey(0, long.MaxValue), new ReorderKey(1, 0), new ReorderKey(1_767_600_000_000, 2), new ReorderKey(1_767_600_000_000, 256),
            new ReorderKey(1_767_600_000_001, 0), new ReorderKey(long.MaxValue, long.MaxValue),
        };

        var byBytes = keys.Reverse().OrderBy(k => k.Encode(), Comparer<byte[]>.Create((a, b) => a.AsSpan().SequenceCompareTo(b))).ToList();

        Assert.Equal(keys, byBytes);
        Assert.Equal(keys, keys.Reverse().Order().ToList());
        Assert.All(keys, k => Assert.Equal(k, ReorderKey.Decode(k.Encode())));
        Assert.Equal([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5], new ReorderKey(0, 5).Encode());
    }

    [Fact]
    public void A_buffer_over_a_restored_store_continues_the_sequence_and_keeps_arrival_order_among_equal_event_times()
    {
        var store = Store();
        var before = new ReorderBuffer(store);
        before.Add(Check("first"), 100, wallClockMs: 10);
        before.Add(Check("early"), 50, wallClockMs: 11);
        before.Add(Check("second"), 100, wallClockMs: 12);

        // A new instance over the same store: what a restart finds after restoring the changelog.
        var after = new ReorderBuffer(store);
        after.Add(Check("third"), 100, wallClockMs: 1_000);
        Assert.Equal(4, after.Count);
        Assert.Equal([0L, 1, 2, 3], store.All().Select(e => e.Key.Sequence).Order());

        var released = new List<string>();
        Assert.Equal(4, after.Release(eventTimeCutoffMs: 100, wallClockCutoffMs: null, (e, t) => released.Add($"{e.EventId}@{t}")));
        Assert.Equal(["early@50", "first@100", "second@100", "third@100"], released);
        Assert.Equal(0, store.ApproximateCount);
    }

    [Fact]
    public void The_wall_clock_releases_in_key_order_everything_up_to_the_last_event_that_waited_long_enough()
    {
        var buffer = new ReorderBuffer(Store());
        buffer.Add(Check("a"), 300, wallClockMs: 0);
        buffer.Add(Check("b"), 200, wallClockMs: 1);
        buffer.Add(Check("c"), 400, wallClockMs: 9);
        var released = new List<string>();

        // "a" has waited long enough; "b" has not, but comes before it in event time, so it goes first; "c" stays.
        buffer.Release(eventTimeCutoffMs: null, wallClockCutoffMs: 0, (e, _) => released.Add(e.EventId));

        Assert.Equal(["b", "a"], released);
        Assert.Equal(1, buffer.Count);
        Assert.True(buffer.IsDue(299, eventTimeCutoffMs: null)); // older than what was released: nothing to wait for
        Assert.False(buffer.IsDue(300, eventTimeCutoffMs: null));
    }

    private static SyncCheckEvent Check(string id) => new(id, "acct", 0);

    private static IKeyValueStore<ReorderKey, BufferedEvent> Store() =>
        Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(RiskStoreNames.ReorderBuffer), ReorderKey.Serde, BufferedEventSerde.Instance)
            .WithLoggingDisabled().Build();
}
