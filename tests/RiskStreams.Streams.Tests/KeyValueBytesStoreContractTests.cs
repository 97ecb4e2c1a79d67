using System.Text;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Tests;

/// <summary>Behaviour every key-value bytes store shares, run over the in-memory and the RocksDB store.</summary>
public sealed class KeyValueBytesStoreContractTests : IDisposable
{
    private readonly StoreTestContext _context = new();
    private readonly List<IKeyValueBytesStore> _opened = [];

    public static TheoryData<string> Kinds => ["in-memory", "rocksdb"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Put_get_overwrite_and_delete_keep_an_exact_count(string kind)
    {
        var store = Open(kind);
        store.Put(B("a"), B("1"));
        store.Put(B("b"), B("2"));
        store.Put(B("a"), B("3"));
        Assert.Equal(B("3"), store.Get(B("a")));
        Assert.Equal(2, store.ApproximateCount);

        store.Put(B("a"), null);
        store.Put(B("missing"), null);
        Assert.Null(store.Get(B("a")));
        Assert.Equal(1, store.ApproximateCount);
        Assert.Equal(kind == "rocksdb", store.Persistent);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Range_is_in_unsigned_byte_order_with_inclusive_and_open_bounds(string kind)
    {
        var store = Open(kind);
        byte[][] keys = [[0x80], [0x01], [0x7F], [0x01, 0x00], [0xFF, 0xFF]];
        foreach (var key in keys)
        {
            store.Put(key, [key[0]]);
        }

        Assert.Equal(["01", "0100", "7F", "80", "FFFF"], store.Range(null, null).Select(e => Convert.ToHexString(e.Key)));
        Assert.Equal(["0100", "7F", "80"], store.Range([0x01, 0x00], [0x80]).Select(e => Convert.ToHexString(e.Key)));
        Assert.Equal(["80", "FFFF"], store.Range([0x7F, 0x00], null).Select(e => Convert.ToHexString(e.Key)));
        Assert.Equal(["01", "0100"], store.Range(null, [0x01, 0x00]).Select(e => Convert.ToHexString(e.Key)));
        Assert.Empty(store.Range([0x80], [0x7F]));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Range_returns_a_snapshot_so_callers_may_write_while_iterating(string kind)
    {
        var store = Open(kind);
        store.Put(B("a"), B("1"));
        store.Put(B("b"), B("2"));
        var seen = new List<string>();
        foreach (var (key, value) in store.Range(null, null))
        {
            seen.Add($"{S(key)}={S(value)}");
            store.Put(key, null);
            store.Put(B("c"), B("3"));
        }

        Assert.Equal(["a=1", "b=2"], seen);
        Assert.Equal(["c"], store.Range(null, null).Select(e => S(e.Key)));
    }

    [Fact]
    public void Rocksdb_store_matches_the_in_memory_store_under_random_operations()
    {
        var model = Open("in-memory");
        var store = Open("rocksdb");
        var random = new Random(11);
        for (var i = 0; i < 4000; i++)
        {
            var key = RandomKey(random);
            switch (random.Next(10))
            {
                case < 5:
                    var value = BitConverter.GetBytes(i);
                    model.Put(key, value);
                    store.Put(key, value);
                    break;
                case < 7:
                    model.Put(key, null);
                    store.Put(key, null);
                    break;
                case < 9:
                    Assert.Equal(model.Get(key), store.Get(key));
                    break;
                default:
                    var other = RandomKey(random);
                    var (from, to) = random.Next(4) == 0 ? (null, other) : (key, random.Next(3) == 0 ? null : other);
                    Assert.Equal(Hex(model.Range(from, to)), Hex(store.Range(from, to)));
                    break;
            }

            Assert.Equal(model.ApproximateCount, store.ApproximateCount);
        }

        Assert.Equal(Hex(model.Range(null, null)), Hex(store.Range(null, null)));
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            store.Close();
        }

        _context.Dispose();
    }

    private IKeyValueBytesStore Open(string kind)
    {
        var name = $"kv-{_opened.Count}";
        var store = kind == "rocksdb" ? Stores.PersistentKeyValueStore(name).Get() : Stores.InMemoryKeyValueStore(name).Get();
        store.Init(_context);
        _opened.Add(store);
        return store;
    }

    private static byte[] RandomKey(Random random)
    {
        // Short keys over a small alphabet, including prefixes of each other and high bytes.
        var key = new byte[random.Next(0, 4)];
        for (var i = 0; i < key.Length; i++)
        {
            key[i] = (byte)(random.Next(4) * 0x55);
        }

        return key;
    }

    private static List<string> Hex(IEnumerable<KeyValuePair<byte[], byte[]>> entries) =>
        entries.Select(e => $"{Convert.ToHexString(e.Key)}={Convert.ToHexString(e.Value)}").ToList();

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static string S(byte[] bytes) => Encoding.UTF8.GetString(bytes);
}
