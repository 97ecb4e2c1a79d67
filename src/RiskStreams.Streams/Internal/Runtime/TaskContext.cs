using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Shared state of one task: time, current record, stores, punctuators, output collector, changelog hook.</summary>
internal sealed class TaskContext(string applicationId, TaskId taskId, IRecordSink collector, Func<long> wallClock, Func<string, string> resolveTopic, IChangelogCollector? changelog)
    : IStateStoreContext, ICachingContext, IChangelogLimitContext
{
    private readonly Dictionary<string, IStateStore> _stores = new(StringComparer.Ordinal);
    private readonly List<PunctuationSchedule> _schedules = [];
    private int _streamTimePunctuations;

    public string ApplicationId { get; } = applicationId;

    public TaskId TaskId { get; } = taskId;

    public IRecordSink Collector { get; } = collector;

    public string? StateDirectory { get; init; }

    public long CacheMaxBytes { get; init; }

    /// <summary>Set by the runtime before the stores open (<see cref="StreamsOptions.MaxChangelogRecordBytes"/>); zero: no limit.</summary>
    public int MaxChangelogRecordBytes { get; set; }

    /// <summary>Maps a topology topic name to the real one (internal topics get the application-id prefix).</summary>
    public string ResolveTopic(string topic) => resolveTopic(topic);

    public long StreamTime { get; private set; } = long.MinValue;

    /// <summary>
    /// When the input record being processed arrived from the consumer (<see cref="System.Diagnostics.Stopwatch"/> ticks);
    /// zero outside a consumed record (punctuations, the test driver).
    /// </summary>
    public long RecordReceivedTicks { get; set; }

    public long WallClockTime => wallClock();

    public RecordMetadata? RecordMetadata { get; private set; }

    public long DroppedRecords { get; private set; }

    /// <summary>Sets stream time after restoration: the largest stream time among the applied changelog records.</summary>
    public void RestoreStreamTime(long streamTime)
    {
        if (streamTime > StreamTime)
        {
            StreamTime = streamTime;
        }
    }

    public void AddStore(IStateStore store) => _stores.Add(store.Name, store);

    /// <summary>Global stores (shared by every task of the instance), looked up when a name is not one of the task's own stores.</summary>
    public Func<string, IStateStore?>? GlobalStores { get; set; }

    public IStateStore GetStore(string name) =>
        _stores.TryGetValue(name, out var store) ? store : GlobalStores?.Invoke(name) ?? throw new InvalidOperationException($"Task {TaskId} has no store '{name}'.");

    public IEnumerable<IStateStore> Stores => _stores.Values;

    public void BeginRecord(RecordMetadata metadata, long timestamp)
    {
        RecordMetadata = metadata;
        if (timestamp > StreamTime)
        {
            StreamTime = timestamp;
        }
    }

    public void RecordDroppedInvalidTimestamp(in ConsumedRecord raw) => RecordDropped("invalid-timestamp");

    /// <summary>Counts a record an operator dropped (late, invalid), never silently.</summary>
    public void RecordDropped(string reason)
    {
        DroppedRecords++;
        StreamsMetrics.DroppedRecords.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("task", TaskId.ToString()));
    }

    public IDisposable Schedule(RuntimeNode node, TimeSpan interval, PunctuationType type, Action<long> punctuator)
    {
        var ms = (long)interval.TotalMilliseconds;
        if (ms < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Punctuation interval must be at least 1 ms.");
        }

        var schedule = new PunctuationSchedule(node, ms, type, punctuator, type == PunctuationType.WallClockTime ? WallClockTime + ms : null);
        _schedules.Add(schedule);
        return schedule;
    }

    /// <summary>Stream-time punctuators fired since the last call (for metrics).</summary>
    public int TakePunctuationCount()
    {
        var count = _streamTimePunctuations;
        _streamTimePunctuations = 0;
        return count;
    }

    /// <summary>Fires due punctuators of <paramref name="type"/>; returns how many fired.</summary>
    public int MaybePunctuate(PunctuationType type)
    {
        var now = type == PunctuationType.StreamTime ? StreamTime : WallClockTime;
        var fired = 0;
        foreach (var schedule in _schedules.ToList())
        {
            if (schedule.Type == type && schedule.MaybeFire(now, this))
            {
                fired++;
            }
        }

        _schedules.RemoveAll(s => s.Cancelled);
        if (type == PunctuationType.StreamTime)
        {
            _streamTimePunctuations += fired;
        }

        return fired;
    }

    public void Punctuate(RuntimeNode node, Action action)
    {
        var saved = RecordMetadata;
        RecordMetadata = null;
        try
        {
            action();
        }
        finally
        {
            RecordMetadata = saved;
        }
    }

    public bool LogsChanges => changelog is not null;

    public void LogChange(string storeName, byte[] key, byte[]? value, long timestamp) =>
        changelog?.Append(storeName, key, value, timestamp);
}
