using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// In-memory versioned bytes store: per key, the versions sorted by timestamp (a version is valid until the next
/// one's timestamp). Writing a key drops its versions that stopped being valid before the history cut-off
/// (observed stream time minus history retention); the version valid at the cut-off is kept.
/// </summary>
internal sealed class InMemoryVersionedBytesStore(string name, long historyRetentionMs) : IVersionedBytesStore, IRestorableStore
{
    private readonly Dictionary<byte[], List<Version>> _versions = new(ByteArrayComparer.Instance);
    private long _observedStreamTime = long.MinValue;

    public string Name { get; } = name;

    public bool Persistent => false;

    public long HistoryRetentionMs { get; } = historyRetentionMs;

    public long ApproximateCount => _versions.Count;

    /// <summary>The oldest timestamp still readable and writable; long.MinValue before the first write.</summary>
    private long Cutoff => _observedStreamTime < long.MinValue + HistoryRetentionMs ? long.MinValue : _observedStreamTime - HistoryRetentionMs;

    public void Init(IStateStoreContext context)
    {
    }

    public VersionedPutResult Put(byte[] key, byte[]? value, long timestamp)
    {
        if (timestamp < Cutoff)
        {
            return VersionedPutResult.Expired;
        }

        _observedStreamTime = Math.Max(_observedStreamTime, timestamp);
        if (!_versions.TryGetValue(key, out var chain))
        {
            chain = [];
            _versions[key] = chain;
        }

        var i = FirstAtOrAfter(chain, timestamp);
        if (i < chain.Count && chain[i].Timestamp == timestamp)
        {
            chain[i] = new Version(timestamp, value);
        }
        else
        {
            chain.Insert(i, new Version(timestamp, value));
        }

        long? validTo = i + 1 < chain.Count ? chain[i + 1].Timestamp : null;
        DropExpired(key, chain);
        return new VersionedPutResult(true, validTo);
    }

    public VersionedRecord<byte[]>? Get(byte[] key)
    {
        if (!_versions.TryGetValue(key, out var chain) || chain.Count == 0)
        {
            return null;
        }

        var latest = chain[^1];
        return latest.Value is null ? null : new VersionedRecord<byte[]>(latest.Value, latest.Timestamp);
    }

    public VersionedRecord<byte[]>? Get(byte[] key, long asOfTimestamp)
    {
        if (!_versions.TryGetValue(key, out var chain) || chain.Count == 0)
        {
            return null;
        }

        if (asOfTimestamp < Cutoff)
        {
            // Beyond the history retention only the latest version answers (the latest version never expires).
            var latest = chain[^1];
            return latest.Value is not null && latest.Timestamp <= asOfTimestamp ? new VersionedRecord<byte[]>(latest.Value, latest.Timestamp) : null;
        }

        var i = FirstAtOrAfter(chain, asOfTimestamp + 1) - 1;
        if (i < 0 || chain[i].Value is not { } value)
        {
            return null;
        }

        return new VersionedRecord<byte[]>(value, chain[i].Timestamp, i + 1 < chain.Count ? chain[i + 1].Timestamp : null);
    }

    /// <summary>Each changelog record is one version: the record timestamp is the version's timestamp.</summary>
    public void Restore(IReadOnlyList<ChangelogRecord> batch)
    {
        foreach (var record in batch)
        {
            Put(record.Key, record.Value, record.Timestamp);
        }
    }

    public void Flush()
    {
    }

    public void Close() => _versions.Clear();

    private static int FirstAtOrAfter(List<Version> chain, long timestamp)
    {
        int lo = 0, hi = chain.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (chain[mid].Timestamp < timestamp)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private void DropExpired(byte[] key, List<Version> chain)
    {
        var cutoff = Cutoff;
        var drop = 0;
        while (drop + 1 < chain.Count && chain[drop + 1].Timestamp <= cutoff)
        {
            drop++;
        }

        // A tombstone valid at the cut-off answers exactly like no version at all, and no write can precede it any more.
        if (drop < chain.Count && chain[drop].Value is null && chain[drop].Timestamp <= cutoff)
        {
            drop++;
        }

        if (drop > 0)
        {
            chain.RemoveRange(0, drop);
        }

        if (chain.Count == 0)
        {
            _versions.Remove(key);
        }
    }

    private readonly record struct Version(long Timestamp, byte[]? Value);
}
