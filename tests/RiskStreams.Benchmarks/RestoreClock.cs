using System.Diagnostics;
using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>
/// Times restoration exactly, from the engine's own restore events: from the first store partition that starts
/// restoring to the last one that ends, so group join and task assignment before it are not counted as restoring.
/// </summary>
internal sealed class RestoreClock : IStateRestoreListener
{
    private readonly Lock _lock = new();
    private long _firstStart = -1;
    private long _lastEnd = -1;
    private int _open;

    /// <summary>Records applied in all (records the restorer skipped as replayed are read but not counted here).</summary>
    public long Restored { get; private set; }

    /// <summary>Store partitions that finished.</summary>
    public int Finished { get; private set; }

    /// <summary>From the first restore start to the last restore end; zero when nothing restored.</summary>
    public TimeSpan Elapsed
    {
        get
        {
            lock (_lock)
            {
                return _firstStart < 0 || _lastEnd < 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(_firstStart, _lastEnd);
            }
        }
    }

    public void OnRestoreStart(string storeName, string changelogTopic, int partition, long startOffset, long endOffset)
    {
        lock (_lock)
        {
            if (_firstStart < 0)
            {
                _firstStart = Stopwatch.GetTimestamp();
            }

            _open++;
        }
    }

    public void OnBatchRestored(string storeName, string changelogTopic, int partition, long batchEndOffset, long restoredRecords)
    {
    }

    public void OnRestoreEnd(string storeName, string changelogTopic, int partition, long totalRestored)
    {
        lock (_lock)
        {
            _lastEnd = Stopwatch.GetTimestamp();
            Restored += totalRestored;
            Finished++;
            _open--;
        }
    }
}
