using System.Buffers.Binary;
using System.Text;
using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>The copy-free and cached paths of the window store stack behave as the plain array paths.</summary>
public sealed class WindowStoreHotPathTests
{
    private static readonly byte[] A = Encoding.UTF8.GetBytes("a");
    private static readonly byte[] B = Encoding.UTF8.GetBytes("b");

    [Fact]
    public void Window_deleted_and_written_again_is_listed_once_by_fetch_all()
    {
        var store = new InMemoryWindowBytesStore("w", 100, 10, retainDuplicates: false);
        store.Put(A, [1], 0);
        store.Put(A, [2], 10);
        store.Put(B, [3], 0);
        store.Put(A, null, 0);
        store.Put(A, [4], 0);

        Assert.Equal(["a@0=4", "b@0=3"], store.FetchAll(0, 0).Select(Label));
        Assert.Equal(["a@0=4", "b@0=3", "a@10=2"], store.All().Select(Label));
    }

    [Fact]
    public void Key_emptied_by_a_delete_and_written_again_is_found_until_its_window_expires()
    {
        var store = new InMemoryWindowBytesStore("w", 30, 10, retainDuplicates: false);
        store.Put(A, [1], 0);
        store.Put(A, null, 0);
        Assert.Null(store.Fetch(A, 0));
        store.Put(A, [2], 0);

        Assert.Equal([2], store.Fetch(A, 0));
        Assert.Equal(["a@0=2"], store.All().Select(Label));

        store.Put(B, [3], 30); // observed 30: start 0 expires
        Assert.Null(store.Fetch(A, 0));
        Assert.Equal(["b@30=3"], store.All().Select(Label));
        store.Put(A, [5], 31);
        Assert.Equal(["b@30=3", "a@31=5"], store.All().Select(Label));
    }

    [Fact]
    public void Values_read_from_the_store_are_unchanged_by_later_puts_and_by_the_writers_array()
    {
        var store = new InMemoryWindowBytesStore("w", 100, 10, retainDuplicates: false);
        var written = new byte[] { 1, 2 };
        store.Put(A, written, 0);
        written[0] = 9;
        var read = store.Fetch(A, 0);
        var ranged = store.Fetch(A, 0, 0).Single().Value;

        store.Put(A, [7, 8], 0);
        store.Put(A, (ReadOnlySpan<byte>)[5, 6], 0);

        Assert.Equal([1, 2], read);
        Assert.Equal([1, 2], ranged);
        Assert.Equal([5, 6], store.Fetch(A, 0));
        Assert.True(store.TryFetch(A, 0, out var span));
        Assert.Equal([5, 6], span.ToArray());
        Assert.False(store.TryFetch(B, 0, out _));
    }

    [Fact]
    public void Logged_timestamped_values_keep_their_bytes_after_the_window_is_updated()
    {
        var context = new Context(logsChanges: true);
        var store = new TypedWindowStore<string, long>(new ChangeLoggingWindowBytesStore(new InMemoryWindowBytesStore("w", 100, 10, false)), Serdes.String, Serdes.Long, timestamped: true);
        store.Init(context);
        var key = store.SerializeKey("a");
        store.Put(key, new ValueAndTimestamp<long>(5, 100), 0);
        store.Put(key, new ValueAndTimestamp<long>(6, 101), 0);

        Assert.Equal([Encoded(5, 100), Encoded(6, 101)], context.Values);
        Assert.True(store.TryFetch(key, 0, out var stored));
        Assert.Equal(new ValueAndTimestamp<long>(6, 101), stored);
    }

    [Fact]
    public void Unlogged_timestamped_store_reads_back_what_it_wrote_and_logs_nothing()
    {
        var context = new Context(logsChanges: false);
        var store = new TypedWindowStore<string, long>(new ChangeLoggingWindowBytesStore(new InMemoryWindowBytesStore("w", 100, 10, false)), Serdes.String, Serdes.Long, timestamped: true);
        store.Init(context);
        var key = store.SerializeKey("a");
        store.Put(key, new ValueAndTimestamp<long>(5, 100), 0);
        store.Put(key, new ValueAndTimestamp<long>(6, 101), 10);
        store.Put(key, new ValueAndTimestamp<long>(7, 102), 0);

        Assert.Empty(context.Values);
        Assert.Equal([KeyValuePair.Create(0L, new ValueAndTimestamp<long>(7, 102)), KeyValuePair.Create(10L, new ValueAndTimestamp<long>(6, 101))],
            store.FetchTimestamped(key, 0, 10, backward: false));
    }

    [Fact]
    public void Time_windowed_serde_writes_each_key_and_window_even_when_one_key_comes_in_a_row()
    {
        var serde = WindowedSerdes.TimeWindowed(Serdes.String, TimeSpan.FromMilliseconds(10));
        var key = "k1";
        var first = serde.Serialize("t", new Windowed<string>(key, new Window(0, 10)));
        var second = serde.Serialize("t", new Windowed<string>(key, new Window(5, 15)));
        var other = serde.Serialize("t", new Windowed<string>("k22", new Window(5, 15)));
        var again = serde.Serialize("u", new Windowed<string>(key, new Window(7, 17)));

        Assert.Equal([.. "k1"u8, .. Start(0)], first!);
        Assert.Equal([.. "k1"u8, .. Start(5)], second!);
        Assert.Equal([.. "k22"u8, .. Start(5)], other!);
        Assert.Equal([.. "k1"u8, .. Start(7)], again!);
        Assert.Equal(new Windowed<string>("k1", new Window(5, 15)), serde.Deserialize("t", second, false));
    }

    private static byte[] Start(long start)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, start);
        return bytes;
    }

    private static byte[] Encoded(long value, long timestamp)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, timestamp);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), value);
        return bytes;
    }

    private static string Label(KeyValuePair<Windowed<byte[]>, byte[]> entry) =>
        $"{Encoding.UTF8.GetString(entry.Key.Key)}@{entry.Key.Window.StartMs}={string.Join(',', entry.Value)}";

    private sealed class Context(bool logsChanges) : IStateStoreContext
    {
        public string ApplicationId => "app";

        public TaskId TaskId => new(0, 0);

        public long StreamTime => 0;

        public string? StateDirectory => null;

        public bool LogsChanges => logsChanges;

        public List<byte[]?> Values { get; } = [];

        public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp)
        {
            if (logsChanges)
            {
                Values.Add(value);
            }
        }
    }
}
