using System.Text;
using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;
using static RiskStreams.Streams.Tests.WindowBytesStoreContractTests;

namespace RiskStreams.Streams.Tests;

/// <summary>What only persistent stores do: live in the task's state directory, keep data across reopen, restore changelogs.</summary>
public sealed class RocksDbStoreTests : IDisposable
{
    private readonly StoreTestContext _context = new();

    [Fact]
    public void Key_value_store_opens_in_the_store_directory_and_keeps_data_and_count_across_reopen()
    {
        var store = Open(Stores.PersistentKeyValueStore("kv"));
        store.Put(B("a"), B("1"));
        store.Put(B("b"), B("2"));
        store.Put(B("c"), B("3"));
        store.Put(B("b"), null);
        store.Flush();
        store.Close();

        Assert.True(File.Exists(Path.Combine(_context.StateDirectory!, "kv", "CURRENT")));
        var reopened = Open(Stores.PersistentKeyValueStore("kv"));
        Assert.Equal(2, reopened.ApproximateCount);
        Assert.Equal(["a=1", "c=3"], reopened.Range(null, null).Select(e => $"{S(e.Key)}={S(e.Value)}"));
        reopened.Close();
    }

    [Fact]
    public void Window_store_keeps_windows_and_its_observed_time_across_reopen()
    {
        var store = Open(Stores.PersistentWindowStore("w", TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(10), false));
        store.Put(B("a"), B("x"), 20);
        store.Put(B("a"), B("y"), 40);
        store.Close();

        var reopened = Open(Stores.PersistentWindowStore("w", TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(10), false));
        Assert.Equal(["a@20-30=x", "a@40-50=y"], Labels(reopened.All()));

        // Observed time 40 survived: start 10 is expired, so this write is ignored.
        reopened.Put(B("a"), B("z"), 10);
        Assert.Equal(["20=x", "40=y"], ByStart(reopened.Fetch(B("a"), 0, 100)));
        reopened.Close();
    }

    [Fact]
    public void Window_store_with_duplicates_continues_sequence_numbers_after_reopen()
    {
        var supplier = Stores.PersistentWindowStore("dups", TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(10), true);
        var store = Open(supplier);
        store.Put(B("a"), B("1"), 0);
        store.Put(B("a"), B("2"), 0);
        store.Close();

        var reopened = Open(supplier);
        reopened.Put(B("a"), B("3"), 0);
        Assert.Equal(["0=1", "0=2", "0=3"], ByStart(reopened.Fetch(B("a"), 0, 0)));
        reopened.Close();
    }

    [Fact]
    public void Session_store_keeps_sessions_across_reopen()
    {
        var store = Open(Stores.PersistentSessionStore("s", TimeSpan.FromMilliseconds(100)));
        store.Put(new Windowed<byte[]>(B("a"), new Window(0, 5)), B("2"));
        store.Close();

        var reopened = Open(Stores.PersistentSessionStore("s", TimeSpan.FromMilliseconds(100)));
        Assert.Equal(B("2"), reopened.FetchSession(B("a"), 0, 5));
        reopened.Close();
    }

    [Fact]
    public void Key_value_restore_applies_logged_puts_and_deletes_in_order_and_counts_them()
    {
        var store = Open(Stores.PersistentKeyValueStore("kv"));
        store.Put(B("old"), B("0"));
        ((IRestorableStore)store).Restore(
        [
            new ChangelogRecord(B("a"), B("1"), 1),
            new ChangelogRecord(B("b"), B("2"), 2),
            new ChangelogRecord(B("a"), null, 3),
            new ChangelogRecord(B("a"), B("3"), 4),
            new ChangelogRecord(B("old"), null, 5),
            new ChangelogRecord(B("gone"), null, 6),
        ]);

        Assert.Equal(["a=3", "b=2"], store.Range(null, null).Select(e => $"{S(e.Key)}={S(e.Value)}"));
        Assert.Equal(2, store.ApproximateCount);
        Assert.Empty(_context.Changes);
        store.Close();
    }

    [Fact]
    public void Window_restore_decodes_logged_window_keys_and_applies_expiry()
    {
        var store = Open(Stores.PersistentWindowStore("w", TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(10), false));
        ((IRestorableStore)store).Restore(
        [
            new ChangelogRecord(WindowKeySchema.ToStoreKey(B("a"), 0, 0), B("x"), 1),
            new ChangelogRecord(WindowKeySchema.ToStoreKey(B("b"), 20, 0), B("y"), 2),
            new ChangelogRecord(WindowKeySchema.ToStoreKey(B("b"), 20, 0), null, 3),
            new ChangelogRecord(WindowKeySchema.ToStoreKey(B("b"), 25, 0), B("z"), 4),
            new ChangelogRecord(WindowKeySchema.ToStoreKey(B("c"), 40, 0), B("w"), 5),
        ]);

        // Observed start 40 with retention 30: starts up to 10 expired.
        Assert.Equal(["b@25-35=z", "c@40-50=w"], Labels(store.All()));
        Assert.Empty(_context.Changes);
        store.Close();
    }

    [Fact]
    public void Session_restore_decodes_logged_session_keys()
    {
        var store = Open(Stores.PersistentSessionStore("s", TimeSpan.FromMilliseconds(100)));
        var first = new Windowed<byte[]>(B("a"), new Window(0, 5));
        var merged = new Windowed<byte[]>(B("a"), new Window(0, 9));
        ((IRestorableStore)store).Restore(
        [
            new ChangelogRecord(SessionKeySchema.ToStoreKey(first), B("1"), 5),
            new ChangelogRecord(SessionKeySchema.ToStoreKey(first), null, 9),
            new ChangelogRecord(SessionKeySchema.ToStoreKey(merged), B("2"), 9),
        ]);

        Assert.Null(store.FetchSession(B("a"), 0, 5));
        Assert.Equal(B("2"), store.FetchSession(B("a"), 0, 9));
        store.Close();
    }

    [Fact]
    public void Opening_without_a_state_directory_fails_naming_the_store()
    {
        var store = Stores.PersistentKeyValueStore("no-dir").Get();
        var error = Assert.Throws<InvalidOperationException>(() => store.Init(new NoDirectoryContext()));
        Assert.Contains("'no-dir'", error.Message, StringComparison.Ordinal);
        Assert.Contains("state directory", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _context.Dispose();

    private IKeyValueBytesStore Open(IKeyValueBytesStoreSupplier supplier)
    {
        var store = supplier.Get();
        store.Init(_context);
        return store;
    }

    private IWindowBytesStore Open(IWindowBytesStoreSupplier supplier)
    {
        var store = supplier.Get();
        store.Init(_context);
        return store;
    }

    private ISessionBytesStore Open(ISessionBytesStoreSupplier supplier)
    {
        var store = supplier.Get();
        store.Init(_context);
        return store;
    }

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private sealed class NoDirectoryContext : IStateStoreContext
    {
        public string ApplicationId => "app";

        public TaskId TaskId => new(0, 0);

        public long StreamTime => 0;

        public string? StateDirectory => null;

        public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp)
        {
        }
    }
}
