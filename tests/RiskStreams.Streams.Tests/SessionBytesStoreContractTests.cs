using System.Text;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>Behaviour every session bytes store shares, run over the in-memory and the RocksDB store.</summary>
public sealed class SessionBytesStoreContractTests : IDisposable
{
    private readonly StoreTestContext _context = new();
    private readonly List<ISessionBytesStore> _opened = [];

    public static TheoryData<string> Kinds => ["in-memory", "rocksdb"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Finds_the_sessions_a_record_could_merge_with_and_sessions_by_end_time(string kind)
    {
        var store = Open(kind, retentionMs: 100);
        store.Put(S("a", 0, 5), B("2"));
        store.Put(S("a", 20, 30), B("3"));
        store.Put(S("b", 8, 12), B("1"));
        store.Put(S("ab", 1, 12), B("4"));
        store.Put(S("a", 7, 12), B("5"));

        Assert.Equal(["a@0-5=2", "a@7-12=5", "a@20-30=3"], Labels(store.FindSessions(B("a"), 0, 40)));
        Assert.Equal(["a@7-12=5", "a@20-30=3"], Labels(store.FindSessions(B("a"), 6, 40)));
        Assert.Equal(["a@0-5=2", "a@7-12=5"], Labels(store.FindSessions(B("a"), 0, 19)));
        Assert.Equal(["a@0-5=2", "a@7-12=5", "ab@1-12=4", "b@8-12=1"], Labels(store.FindSessionsByEndTime(0, 12)));
        Assert.Equal(B("4"), store.FetchSession(B("ab"), 1, 12));
        store.Put(S("a", 0, 5), null);
        Assert.Null(store.FetchSession(B("a"), 0, 5));
        Assert.Equal(["a@7-12=5", "a@20-30=3"], Labels(store.FindSessions(B("a"), 0, 40)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Sessions_ending_before_observed_end_minus_retention_expire(string kind)
    {
        var store = Open(kind, retentionMs: 10);
        store.Put(S("a", 0, 4), B("1"));
        store.Put(S("a", 5, 5), B("2"));
        store.Put(S("b", 15, 15), B("3")); // observed 15: sessions ending before 5 expire

        Assert.Null(store.FetchSession(B("a"), 0, 4));
        Assert.Equal(B("2"), store.FetchSession(B("a"), 5, 5));
        Assert.Equal(["a@5-5=2"], Labels(store.FindSessions(B("a"), 0, 100)));
        store.Put(S("a", 1, 3), B("4"));
        Assert.Equal(["a@5-5=2", "b@15-15=3"], Labels(store.FindSessionsByEndTime(0, 100)));
    }

    [Theory]
    [InlineData(20, 5)]
    [InlineData(200_000, 40_000)]
    public void Rocksdb_store_matches_the_in_memory_store_under_random_operations(long retentionMs, int step)
    {
        var model = Open("in-memory", retentionMs);
        var store = Open("rocksdb", retentionMs);
        var random = new Random(3);
        var now = 0L;
        for (var i = 0; i < 3000; i++)
        {
            var key = WindowBytesStoreContractTests.RandomKey(random);
            now += random.Next(10) == 0 ? random.Next(step) : 0;
            var end = Math.Max(0, now - random.Next((int)(retentionMs * 3 / 2)));
            var start = Math.Max(0, end - random.Next(3 * step));
            switch (random.Next(10))
            {
                case < 5:
                    var value = BitConverter.GetBytes(i);
                    model.Put(S(key, start, end), value);
                    store.Put(S(key, start, end), value);
                    break;
                case < 6:
                    model.Put(S(key, start, end), null);
                    store.Put(S(key, start, end), null);
                    break;
                case < 7:
                    Assert.Equal(model.FetchSession(key, start, end), store.FetchSession(key, start, end));
                    break;
                case < 9:
                    Assert.Equal(Labels(model.FindSessions(key, start, end)), Labels(store.FindSessions(key, start, end)));
                    break;
                default:
                    var until = random.Next(3) == 0 ? long.MaxValue : end + random.Next((int)retentionMs);
                    Assert.Equal(Labels(model.FindSessionsByEndTime(start, until)), Labels(store.FindSessionsByEndTime(start, until)));
                    break;
            }
        }

        Assert.NotEmpty(model.FindSessionsByEndTime(0, long.MaxValue));
        Assert.Equal(Labels(model.FindSessionsByEndTime(0, long.MaxValue)), Labels(store.FindSessionsByEndTime(0, long.MaxValue)));
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Close();
        }

        _context.Dispose();
    }

    private ISessionBytesStore Open(string kind, long retentionMs)
    {
        var name = $"session-{_opened.Count}";
        var supplier = kind == "rocksdb"
            ? Stores.PersistentSessionStore(name, TimeSpan.FromMilliseconds(retentionMs))
            : Stores.InMemorySessionStore(name, TimeSpan.FromMilliseconds(retentionMs));
        var store = supplier.Get();
        store.Init(_context);
        _opened.Add(store);
        return store;
    }

    private static Windowed<byte[]> S(string key, long start, long end) => S(B(key), start, end);

    private static Windowed<byte[]> S(byte[] key, long start, long end) => new(key, new Window(start, end));

    private static List<string> Labels(IEnumerable<KeyValuePair<Windowed<byte[]>, byte[]>> entries) =>
        entries.Select(e => $"{Encoding.UTF8.GetString(e.Key.Key)}@{e.Key.Window.StartMs}-{e.Key.Window.EndMs}={WindowBytesStoreContractTests.S(e.Value)}").ToList();

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);
}
