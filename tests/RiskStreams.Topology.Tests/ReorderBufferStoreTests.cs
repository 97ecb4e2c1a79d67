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
        var before = new ReorderBuffer(store, NeverAwaits);
        before.Add(Check("first"), 100);
        before.Add(Check("early"), 50);
        before.Add(Check("second"), 100);
        store.Flush(); // a commit: the held events are written

        // A new instance over the same store: what a restart finds after restoring the changelog.
        var after = new ReorderBuffer(store, NeverAwaits);
        after.Add(Check("third"), 100);
        store.Flush();
        Assert.Equal(4, after.Count);
        Assert.Equal([0L, 1, 2, 3], store.All().Select(e => e.Key.Sequence).Order());

        Assert.Equal(["early@50", "first@100", "second@100", "third@100"], TakeThrough(after, 100));
        Assert.Equal(0, store.ApproximateCount);
    }

    [Fact]
    public void Release_takes_only_entries_up_to_the_cutoff_and_an_event_older_than_one_released_is_due_at_once()
    {
        var store = Store();
        var buffer = new ReorderBuffer(store, NeverAwaits);
        buffer.Add(Check("a"), 300);
        buffer.Add(Check("b"), 200);
        buffer.Add(Check("c"), 400);

        Assert.Equal(["b@200", "a@300"], TakeThrough(buffer, 399));
        store.Flush();
        Assert.Equal(1, buffer.Count);
        Assert.Equal(400, buffer.NextEventTimeMs);
        Assert.Equal([400L], store.All().Select(e => e.Key.EventTimeMs));
        Assert.True(buffer.IsDue(299, eventTimeCutoffMs: null)); // older than what was released: nothing to wait for
        Assert.False(buffer.IsDue(300, eventTimeCutoffMs: null));
        Assert.True(buffer.IsDue(350, eventTimeCutoffMs: 350));
    }

    [Fact]
    public void Over_a_store_that_announces_its_flushes_an_event_released_before_the_commit_writes_nothing_and_one_held_across_it_a_put_and_a_delete()
    {
        var writes = new List<string>();
        var store = new FlushingRecordingStore(Store(), writes);
        var buffer = new ReorderBuffer(store, NeverAwaits);
        buffer.Add(Check("a"), 300);
        buffer.Add(Check("b"), 200);
        Assert.Equal(["b@200"], TakeThrough(buffer, 250));
        Assert.Empty(writes);

        store.Flush();
        Assert.Equal(["put 300/0"], writes);

        buffer.Add(Check("c"), 400);
        Assert.Equal(["a@300", "c@400"], TakeThrough(buffer, 400));
        store.Flush();
        Assert.Equal(["put 300/0", "delete 300/0"], writes);
    }

    [Fact]
    public void Over_any_other_store_each_held_event_costs_one_put_when_held_and_one_delete_when_released()
    {
        var writes = new List<string>();
        var buffer = new ReorderBuffer(new RecordingStore(Store(), writes), NeverAwaits);
        buffer.Add(Check("a"), 300);
        buffer.Add(Check("b"), 200);
        TakeThrough(buffer, 300);

        Assert.Equal(["put 300/0", "put 200/1", "delete 200/1", "delete 300/0"], writes);
    }

    [Fact]
    public void A_bare_event_released_before_its_enrichment_keeps_its_place_and_its_completed_copy_is_what_the_store_and_a_restart_see()
    {
        var store = Store();
        static bool bare(AccountEvent e) => e.Entity is null && e is LoginEvent;
        var buffer = new ReorderBuffer(store, bare);
        buffer.Add(Login("l1", entity: null), 100);
        buffer.Add(Check("c1"), 150);
        buffer.ReleaseThrough(200);

        Assert.True(buffer.TryPeekReady(out var head));
        Assert.Equal("l1", head.Event.EventId);
        Assert.True(head.AwaitsEntities);
        Assert.False(buffer.TryComplete(Login("other", new EntityContext())));

        Assert.True(buffer.TryComplete(Login("l1", new EntityContext())));
        Assert.False(head.AwaitsEntities);
        store.Flush();
        Assert.NotNull(Assert.Single(store.All(), e => e.Value.EventId == "l1").Value.Entity);
        Assert.False(buffer.TryComplete(Login("l1", new EntityContext()))); // a duplicate enrichment completes nothing

        // A restart over the same store: the completed event is no longer awaited; a bare one still would be.
        buffer.Add(Login("l2", entity: null), 300);
        store.Flush();
        var after = new ReorderBuffer(store, bare);
        Assert.Equal(3, after.Count);
        after.ReleaseThrough(300);
        Assert.True(after.TryPeekReady(out var first));
        Assert.Equal(("l1", false), (first.Event.EventId, first.AwaitsEntities));
        Assert.Equal("l1", after.TakeReady().EventId);
        Assert.Equal("c1", after.TakeReady().EventId);
        Assert.True(after.TryPeekReady(out var last));
        Assert.Equal(("l2", true), (last.Event.EventId, last.AwaitsEntities));
    }

    private static List<string> TakeThrough(ReorderBuffer buffer, long cutoff)
    {
        var released = new List<string>();
        buffer.ReleaseThrough(cutoff);
        while (buffer.TryPeekReady(out var held))
        {
            released.Add($"{held.Event.EventId}@{held.Key.EventTimeMs}");
            buffer.TakeReady();
        }

        return released;
    }

    private static LoginEvent Login(string id, EntityContext? entity) => new(id, "acct", 0, true, "dev-1", false, null, null) { Entity = entity };

    private static bool NeverAwaits(AccountEvent e) => false;

    private static SyncCheckEvent Check(string id) => new(id, "acct", 0);

    private static IKeyValueStore<ReorderKey, AccountEvent> Store() =>
        Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(RiskStoreNames.ReorderBuffer), ReorderKey.Serde, BufferedEventSerde.Instance)
            .WithLoggingDisabled().Build();

    /// <summary>A store that records the writes made through it (reads go straight to the store below).</summary>
    private class RecordingStore(IKeyValueStore<ReorderKey, AccountEvent> inner, List<string> writes) : IKeyValueStore<ReorderKey, AccountEvent>
    {
        public string Name => inner.Name;

        public bool Persistent => inner.Persistent;

        public long ApproximateCount => inner.ApproximateCount;

        public void Init(IStateStoreContext context) => inner.Init(context);

        public virtual void Flush() => inner.Flush();

        public void Close() => inner.Close();

        public bool TryGet(ReorderKey key, out AccountEvent value) => inner.TryGet(key, out value);

        public IEnumerable<KeyValuePair<ReorderKey, AccountEvent>> Range(ReorderKey from, ReorderKey to) => inner.Range(from, to);

        public IEnumerable<KeyValuePair<ReorderKey, AccountEvent>> All() => inner.All();

        public void Put(ReorderKey key, AccountEvent value)
        {
            writes.Add($"put {key.EventTimeMs}/{key.Sequence}");
            inner.Put(key, value);
        }

        public bool Delete(ReorderKey key)
        {
            writes.Add($"delete {key.EventTimeMs}/{key.Sequence}");
            return inner.Delete(key);
        }
    }

    /// <summary>A recording store that runs its flush callbacks first, as the engine's key-value stores do.</summary>
    private sealed class FlushingRecordingStore(IKeyValueStore<ReorderKey, AccountEvent> inner, List<string> writes)
        : RecordingStore(inner, writes), IFlushingStore
    {
        private Action? _beforeFlush;

        public void BeforeFlush(Action beforeFlush) => _beforeFlush += beforeFlush;

        public override void Flush()
        {
            _beforeFlush?.Invoke();
            base.Flush();
        }
    }
}
