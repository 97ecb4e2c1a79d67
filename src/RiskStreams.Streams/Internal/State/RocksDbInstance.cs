using RiskStreams.Streams.State;
using RocksDbSharp;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// One open RocksDB database of a persistent store, in <c>{task state directory}/{store name}</c>. The write-ahead
/// log is off, as in Kafka Streams: the changelog topic is the store's log, and <see cref="Flush"/> writes the
/// memtables to SST files at each commit, so what is on disk after a commit matches what the changelog holds up
/// to that commit (a crash loses only writes since the last commit, which the changelog restores).
/// </summary>
internal sealed class RocksDbInstance : IDisposable
{
    private const ulong WriteBufferBytes = 16 * 1024 * 1024;
    private readonly RocksDb _db;
    private readonly WriteOptions _writeOptions = new WriteOptions().DisableWal(1);
    private readonly ReadOptions _readOptions = new();
    private readonly FlushOptions _flushOptions = new FlushOptions().SetWaitForFlush(true);
    private bool _closed;

    private RocksDbInstance(RocksDb db, string path)
    {
        _db = db;
        Path = path;
    }

    /// <summary>Directory of the database.</summary>
    public string Path { get; }

    /// <summary>Opens (creating when missing) the database of store <paramref name="storeName"/> in the task's state directory.</summary>
    /// <exception cref="InvalidOperationException">The context has no state directory, or RocksDB cannot open the database.</exception>
    public static RocksDbInstance Open(IStateStoreContext context, string storeName)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = context.StateDirectory ?? throw new InvalidOperationException(
            $"Persistent store '{storeName}' of task {context.TaskId} needs a state directory, and this runtime gives the task none; use an in-memory store here.");
        var path = System.IO.Path.Combine(root, storeName);
        Directory.CreateDirectory(path);
        var table = new BlockBasedTableOptions()
            .SetFilterPolicy(BloomFilterPolicy.Create(10, false))
            .SetCacheIndexAndFilterBlocks(true);
        var options = new DbOptions()
            .SetCreateIfMissing(true)
            .SetWriteBufferSize(WriteBufferBytes)
            .SetMaxWriteBufferNumber(3)
            .SetCompression(Compression.Lz4)
            .SetKeepLogFileNum(2)
            .SetBlockBasedTableFactory(table);
        try
        {
            return new RocksDbInstance(RocksDb.Open(options, path), path);
        }
        catch (RocksDbException e)
        {
            throw new InvalidOperationException($"Persistent store '{storeName}' of task {context.TaskId} cannot open RocksDB at '{path}': {e.Message}", e);
        }
    }

    public byte[]? Get(byte[] key) => Db.Get(key, null, _readOptions);

    public void Put(byte[] key, byte[] value) => Db.Put(key, value, null, _writeOptions);

    public void Delete(byte[] key) => Db.Remove(key, null, _writeOptions);

    /// <summary>Deletes every key in [<paramref name="from"/>, <paramref name="toExclusive"/>) with one range tombstone.</summary>
    public void DeleteRange(byte[] from, byte[] toExclusive)
    {
        using var batch = new WriteBatch();
        batch.DeleteRange(from, (ulong)from.Length, toExclusive, (ulong)toExclusive.Length);
        Db.Write(batch, _writeOptions);
    }

    public void Write(WriteBatch batch) => Db.Write(batch, _writeOptions);

    /// <summary>An iterator over a consistent view of the database, positioned at the first key at or after <paramref name="from"/> (the first key when null).</summary>
    public Iterator Seek(byte[]? from)
    {
        var iterator = Db.NewIterator(null, _readOptions);
        return from is null ? iterator.SeekToFirst() : iterator.Seek(from);
    }

    /// <summary>An iterator positioned at the last key at or before <paramref name="to"/>.</summary>
    public Iterator SeekForPrev(byte[] to) => Db.NewIterator(null, _readOptions).SeekForPrev(to);

    /// <summary>Writes the memtables to SST files and waits for it.</summary>
    public void Flush() => Db.Flush(_flushOptions);

    public void Dispose()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _db.Dispose();
    }

    private RocksDb Db => _closed ? throw new ObjectDisposedException(nameof(RocksDbInstance), $"The RocksDB store at '{Path}' is closed.") : _db;
}
