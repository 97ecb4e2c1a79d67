using System.Text;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>Behaviour every window bytes store shares, run over the in-memory and the RocksDB store.</summary>
public sealed class WindowBytesStoreContractTests : IDisposable
{
    private readonly StoreTestContext _context = new();
    private readonly List<IWindowBytesStore> _opened = [];

    public static TheoryData<string> Kinds => ["in-memory", "rocksdb"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Windows_come_back_by_start_per_key_and_by_start_then_key_over_all_keys(string kind)
    {
        var store = Open(kind, retentionMs: 100, windowSizeMs: 10, duplicates: false);
        store.Put(B("a"), B("20"), 20);
        store.Put(B("a"), B("0"), 0);
        store.Put(B("b"), B("110"), 10);
        store.Put(B("a"), B("10"), 10);
        store.Put(B("ab"), B("ab10"), 10);

        Assert.Equal(["0=0", "10=10", "20=20"], ByStart(store.Fetch(B("a"), 0, 20)));
        Assert.Equal(["20=20", "10=10"], ByStart(store.BackwardFetch(B("a"), 5, 25)));
        Assert.Equal(B("10"), store.Fetch(B("a"), 10));
        Assert.Null(store.Fetch(B("a"), 5));
        Assert.Equal(["a@10-20=10", "ab@10-20=ab10", "b@10-20=110"], Labels(store.FetchAll(10, 10)));
        Assert.Equal(["a@0-10=0", "a@10-20=10", "ab@10-20=ab10", "b@10-20=110", "a@20-30=20"], Labels(store.All()));
        Assert.Empty(store.Fetch(B("a"), 21, long.MaxValue));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Windows_at_or_before_observed_time_minus_retention_expire_and_writes_to_them_are_ignored(string kind)
    {
        var store = Open(kind, retentionMs: 30, windowSizeMs: 10, duplicates: false);
        store.Put(B("a"), B("1"), 0);
        store.Put(B("a"), B("2"), 10);
        store.Put(B("a"), B("3"), 40);

        Assert.Equal(["40=3"], ByStart(store.Fetch(B("a"), 0, 100)));
        Assert.Null(store.Fetch(B("a"), 10));
        store.Put(B("a"), B("4"), 5);
        Assert.Equal(["40=3"], ByStart(store.Fetch(B("a"), 0, 100)));
        store.Put(B("a"), B("5"), 11);
        Assert.Equal(["11=5", "40=3"], ByStart(store.Fetch(B("a"), 0, 100)));
        Assert.Equal(["a@11-21=5", "a@40-50=3"], Labels(store.All()));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Null_deletes_a_window_while_a_store_with_duplicates_keeps_every_put_in_order(string kind)
    {
        var store = Open(kind, retentionMs: 100, windowSizeMs: 10, duplicates: false);
        store.Put(B("a"), B("1"), 0);
        store.Put(B("a"), B("2"), 0);
        Assert.Equal(["0=2"], ByStart(store.Fetch(B("a"), 0, 0)));
        store.Put(B("a"), null, 0);
        Assert.Empty(store.All());

        var duplicates = Open(kind, retentionMs: 100, windowSizeMs: 10, duplicates: true);
        duplicates.Put(B("a"), B("1"), 0);
        duplicates.Put(B("a"), B("2"), 0);
        duplicates.Put(B("a"), null, 0);
        Assert.Equal(["0=1", "0=2"], ByStart(duplicates.Fetch(B("a"), 0, 0)));
        Assert.Equal(B("2"), duplicates.Fetch(B("a"), 0));
        Assert.Equal(["a@0-10=1", "a@0-10=2"], Labels(duplicates.All()));
    }

    [Theory]
    [InlineData(50, 10, 7, false)]
    [InlineData(50, 10, 7, true)]
    [InlineData(150_000, 10_000, 9_000, false)]
    [InlineData(150_000, 10_000, 9_000, true)]
    public void Rocksdb_store_matches_the_in_memory_store_under_random_operations(long retentionMs, long windowSizeMs, int step, bool duplicates)
    {
        var model = Open("in-memory", retentionMs, windowSizeMs, duplicates);
        var store = Open("rocksdb", retentionMs, windowSizeMs, duplicates);
        var random = new Random(5);
        var now = 0L;
        for (var i = 0; i < 3000; i++)
        {
            var key = RandomKey(random);

            // Mostly recent windows, sometimes expired ones; time moves forward now and then.
            now += random.Next(10) == 0 ? random.Next(step) : 0;
            var start = Math.Max(0, now - random.Next((int)(retentionMs * 3 / 2)));
            switch (random.Next(12))
            {
                case < 5:
                    var value = BitConverter.GetBytes(i);
                    model.Put(key, value, start);
                    store.Put(key, value, start);
                    break;
                case < 6:
                    model.Put(key, null, start);
                    store.Put(key, null, start);
                    break;
                case < 8:
                    Assert.Equal(model.Fetch(key, start), store.Fetch(key, start));
                    break;
                case < 9:
                    var to = start + random.Next((int)retentionMs);
                    Assert.Equal(ByStart(model.Fetch(key, start, to)), ByStart(store.Fetch(key, start, to)));
                    Assert.Equal(ByStart(model.BackwardFetch(key, start, to)), ByStart(store.BackwardFetch(key, start, to)));
                    break;
                case < 10:
                    var until = random.Next(3) == 0 ? long.MaxValue : start + random.Next((int)retentionMs);
                    Assert.Equal(Labels(model.FetchAll(start, until)), Labels(store.FetchAll(start, until)));
                    break;
                default:
                    Assert.Equal(Labels(model.All()), Labels(store.All()));
                    break;
            }
        }

        Assert.NotEmpty(model.All());
        Assert.Equal(Labels(model.All()), Labels(store.All()));
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Close();
        }

        _context.Dispose();
    }

    internal static List<string> ByStart(IEnumerable<KeyValuePair<long, byte[]>> entries) =>
        entries.Select(e => $"{e.Key}={S(e.Value)}").ToList();

    internal static List<string> Labels(IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> entries) =>
        entries.Select(e => $"{S(e.Key.Key)}@{e.Key.Window.StartMs}-{e.Key.Window.EndMs}={S(e.Value)}").ToList();

    internal static byte[] RandomKey(Random random)
    {
        // Keys over a small alphabet that extend each other ("a", "aa", "ab"...), so one key's range could catch another's.
        var key = new byte[random.Next(1, 4)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)('a' + random.Next(3));
        }

        return key;
    }

    private IWindowBytesStore Open(string kind, long retentionMs, long windowSizeMs, bool duplicates)
    {
        var name = $"window-{_opened.Count}";
        var (retention, size) = (TimeSpan.FromMilliseconds(retentionMs), TimeSpan.FromMilliseconds(windowSizeMs));
        var supplier = kind == "rocksdb"
            ? Stores.PersistentWindowStore(name, retention, size, duplicates)
            : Stores.InMemoryWindowStore(name, retention, size, duplicates);
        var store = supplier.Get();
        store.Init(_context);
        _opened.Add(store);
        return store;
    }

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Printable ASCII as text, anything else (random values) as hex, so no difference is lost.</summary>
    internal static string S(byte[] bytes) => bytes.All(b => b is >= 0x20 and < 0x7F) ? Encoding.ASCII.GetString(bytes) : Convert.ToHexString(bytes);
}
