using System.Buffers.Binary;
using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class WindowStoreTests
{
    [Fact]
    public void Window_store_returns_a_keys_windows_in_time_order()
    {
        var store = OpenStore(Stores.InMemoryWindowStore("w", Ms(100), Ms(10), retainDuplicates: false), out _);
        store.Put("a", 20, 20);
        store.Put("a", 0, 0);
        store.Put("b", 110, 10);
        store.Put("a", 10, 10);

        Assert.Equal([W(0, 0), W(10, 10), W(20, 20)], store.Fetch("a", 0, 20));
        Assert.Equal([W(20, 20), W(10, 10)], store.BackwardFetch("a", 5, 25));
        Assert.Equal(10, store.Fetch("a", 10));
        Assert.False(store.TryFetch("a", 5, out _));
        Assert.Equal(
            [KeyValuePair.Create(new Windowed<string>("a", new Window(10, 20)), (long?)10), KeyValuePair.Create(new Windowed<string>("b", new Window(10, 20)), (long?)110)],
            store.FetchAll(10, 10));
        Assert.Equal(["a@0-10", "a@10-20", "b@10-20", "a@20-30"], store.All().Select(e => Label(e.Key)));
    }

    [Fact]
    public void Windows_older_than_the_retention_expire_and_puts_into_them_are_ignored()
    {
        var store = OpenStore(Stores.InMemoryWindowStore("w", Ms(30), Ms(10), retainDuplicates: false), out _);
        store.Put("a", 1, 0);
        store.Put("a", 2, 10);
        store.Put("a", 3, 40); // observed 40: starts at or before 40 - 30 = 10 expire

        Assert.Equal([W(40, 3)], store.Fetch("a", 0, 100));
        Assert.False(store.TryFetch("a", 10, out _));
        store.Put("a", 4, 5);
        Assert.Equal([W(40, 3)], store.Fetch("a", 0, 100));
        store.Put("a", 5, 11); // the oldest live start
        Assert.Equal([W(11, 5), W(40, 3)], store.Fetch("a", 0, 100));
    }

    [Fact]
    public void Null_value_deletes_a_window_and_duplicates_are_kept_when_asked()
    {
        var store = OpenStore(Stores.InMemoryWindowStore("w", Ms(100), Ms(10), retainDuplicates: false), out _);
        store.Put("a", 1, 0);
        store.Put("a", 2, 0);
        Assert.Equal([W(0, 2)], store.Fetch("a", 0, 0));
        store.Put("a", null, 0);
        Assert.Empty(store.All());

        var duplicates = OpenStore(Stores.InMemoryWindowStore("d", Ms(100), Ms(10), retainDuplicates: true), out _);
        duplicates.Put("a", 1, 0);
        duplicates.Put("a", 2, 0);
        Assert.Equal([W(0, 1), W(0, 2)], duplicates.Fetch("a", 0, 0));
    }

    [Fact]
    public void Change_logging_layer_logs_kafka_window_store_keys()
    {
        var store = OpenStore(Stores.InMemoryWindowStore("logged", Ms(100), Ms(10), retainDuplicates: false), out var context, logging: true);
        store.Put("k", 7, 30);
        store.Put("k", null, 30);

        var expectedKey = new byte[1 + 8 + 4];
        expectedKey[0] = (byte)'k';
        BinaryPrimitives.WriteInt64BigEndian(expectedKey.AsSpan(1), 30);
        Assert.Equal(2, context.Changes.Count);
        Assert.All(context.Changes, c => Assert.Equal("logged", c.Store));
        Assert.All(context.Changes, c => Assert.Equal(expectedKey, c.Key));
        Assert.Equal(7, BinaryPrimitives.ReadInt64BigEndian(context.Changes[0].Value));
        Assert.Null(context.Changes[1].Value);
        Assert.Throws<ArgumentException>(() => Stores.InMemoryWindowStore("bad", Ms(5), Ms(10), retainDuplicates: false));
    }

    [Fact]
    public void Windowed_aggregation_store_is_queryable_and_drops_windows_past_retention()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(Ms(10)))
            .Count(Materialized.As<string, long>("counts").WithRetention(Ms(20)))
            .ToLabelledTopic("out", Serdes.Long);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 1);
        input.PipeInput("a", "x", 2);
        input.PipeInput("a", "x", 15);
        var store = driver.GetStateStore<IReadOnlyWindowStore<string, long>>("counts");
        Assert.Equal([KeyValuePair.Create(0L, 2L), KeyValuePair.Create(10L, 1L)], store.Fetch("a", 0, 100));

        // Retention 20 ms, measured from the largest window start written (20 after this record): start 0 expires.
        input.PipeInput("a", "x", 25);
        Assert.Equal([KeyValuePair.Create(10L, 1L), KeyValuePair.Create(20L, 1L)], store.Fetch("a", 0, 100));
        Assert.Equal(0, store.Fetch("a", 0));
        Assert.False(store.TryFetch("a", 0, out _));
    }

    [Fact]
    public void Session_store_finds_the_sessions_a_record_could_merge_with()
    {
        var store = Stores.SessionStoreBuilder(Stores.InMemorySessionStore("s", Ms(100)), Serdes.String, Serdes.Long).WithLoggingDisabled().Build();
        store.Init(new RecordingContext());
        store.Put(new Windowed<string>("a", new Window(0, 5)), 2);
        store.Put(new Windowed<string>("a", new Window(20, 30)), 3);
        store.Put(new Windowed<string>("b", new Window(8, 12)), 1);

        Assert.Equal(["a@0-5", "a@20-30"], store.FindSessions("a", 0, 40).Select(e => Label(e.Key)));
        Assert.Equal(["a@20-30"], store.FindSessions("a", 6, 40).Select(e => Label(e.Key)));
        Assert.Equal(["a@0-5"], store.FindSessions("a", 0, 19).Select(e => Label(e.Key)));
        Assert.Equal(["a@0-5", "b@8-12"], store.FindSessionsByEndTime(0, 12).Select(e => Label(e.Key)));
        store.Remove(new Windowed<string>("a", new Window(0, 5)));
        Assert.False(store.TryFetchSession("a", 0, 5, out _));
        Assert.True(store.TryFetchSession("a", 20, 30, out var three));
        Assert.Equal(3, three);
    }

    [Fact]
    public void Time_sorted_list_matches_a_sorted_dictionary_under_random_operations()
    {
        var random = new Random(7);
        var list = new Internal.State.TimeSortedList<string>(initialCapacity: 0);
        var model = new SortedDictionary<long, string>();
        var floor = 0L;
        for (var i = 0; i < 5000; i++)
        {
            var time = floor + random.Next(0, 200);
            switch (random.Next(0, 10))
            {
                case < 5:
                    list.Set(time, $"v{i}");
                    model[time] = $"v{i}";
                    break;
                case < 7:
                    Assert.Equal(model.Remove(time), list.Remove(time));
                    break;
                case < 8:
                    floor += random.Next(0, 50);
                    list.RemoveBefore(floor);
                    foreach (var stale in model.Keys.Where(k => k < floor).ToList())
                    {
                        model.Remove(stale);
                    }

                    break;
                default:
                    Assert.Equal(model.GetValueOrDefault(time), list.Get(time));
                    Assert.Equal(model.Keys.Count(k => k < time), list.LowerBound(time));
                    break;
            }

            Assert.Equal(model.Count, list.Count);
        }

        Assert.Equal(model.Select(e => (e.Key, e.Value)), Enumerable.Range(0, list.Count).Select(i => (list.TimeAt(i), list.ValueAt(i))));
    }

    private static KeyValuePair<long, long?> W(long windowStart, long value) => KeyValuePair.Create(windowStart, (long?)value);

    private static IWindowStore<string, long?> OpenStore(IWindowBytesStoreSupplier supplier, out RecordingContext context, bool logging = false)
    {
        var nullableLong = Serde<long?>.From(
            (t, v) => v is null ? null : Serdes.Long.Serialize(t, v.Value),
            (t, d, isNull) => isNull ? null : Serdes.Long.Deserialize(t, d, false));
        var builder = Stores.WindowStoreBuilder(supplier, Serdes.String, nullableLong);
        var store = (logging ? builder : builder.WithLoggingDisabled()).Build();
        context = new RecordingContext();
        store.Init(context);
        return store;
    }

    private sealed class RecordingContext : IStateStoreContext
    {
        public string ApplicationId => "app";

        public TaskId TaskId => new(0, 0);

        public long StreamTime => 0;

        public string? StateDirectory => null;

        public List<(string Store, byte[] Key, byte[]? Value)> Changes { get; } = [];

        public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp) => Changes.Add((storeName, key, value));
    }
}
