using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.Offline;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// One policy's pass over backtest input: the production topology in a <see cref="OfflineTopologyRunner"/>
/// (no broker), fed one event at a time, with the tallies of its summary.
/// </summary>
/// <remarks>
/// decidedAt follows the highest timestamp fed that was not refused as too far ahead; the skew reference is each line's
/// <see cref="ReplayTimeline"/> reference. Decisions go by stream time only. <see cref="Finish"/> decides what the reorder buffer still holds when the input ends.
/// </remarks>
internal sealed class BacktestRun : IDisposable
{
    private readonly RiskPolicy _policy;
    private readonly ReorderDrain _drain = new();
    private readonly ReplayClock _clock = new();
    private readonly ReplayClock _skewReference = new();
    private readonly long _maxSkewMs;
    private readonly TimeSpan _entityIdleRelease;
    private readonly OfflineTopologyRunner _runner;
    private readonly OfflineInputTopic<string, Transaction> _transactions;
    private readonly OfflineInputTopic<string, Login> _logins;
    private readonly OfflineInputTopic<string, RepaymentSync> _repayments;
    private readonly OfflineInputTopic<string, SyncStatus> _syncStatus;
    private readonly OfflineInputTopic<string, ReviewDecision> _reviews;
    private readonly OfflineOutputTopic<string, RiskLevelChanged> _changes;
    private readonly Dictionary<AvroLevel, long> _changesByLevel = Enum.GetValues<AvroLevel>().ToDictionary(l => l, _ => 0L);
    private readonly List<BacktestRejection> _rejected = [];
    private long _accepted;

    /// <param name="policy">The policy deciding.</param>
    /// <param name="serdes">Serdes of the contracts.</param>
    /// <param name="reorderGrace">The reorder grace (the topology's default when null; tests compare runs without it).</param>
    public BacktestRun(RiskPolicy policy, RiskSerdes serdes, TimeSpan? reorderGrace = null)
    {
        _policy = policy;
        // The production defaults, entity join grace included: the file's own disorder within the grace is judged as live.
        // The offline wall clock moves only in Finish, so the entity joins' idle release fires only when the input ends.
        var options = new RiskTopologyOptions { Policy = policy, Clock = _clock, SkewReference = _skewReference, Drain = _drain };
        _maxSkewMs = (long)options.MaxClockSkew.TotalMilliseconds;
        _entityIdleRelease = options.EntitySignals ? options.EntityJoinIdleRelease : TimeSpan.Zero;
        options = options with { ReorderGrace = reorderGrace ?? options.ReorderGrace };
        _runner = new OfflineTopologyRunner(RiskTopology.Create(options, serdes), new OfflineRunnerOptions { ApplicationId = "riskstreams-backtest", CaptureChangelogs = false });
        _transactions = _runner.CreateInputTopic(options.TransactionsTopic, Serdes.String, serdes.Transactions);
        _logins = _runner.CreateInputTopic(options.LoginsTopic, Serdes.String, serdes.Logins);
        _repayments = _runner.CreateInputTopic(options.RepaymentsTopic, Serdes.String, serdes.Repayments);
        _syncStatus = _runner.CreateInputTopic(options.SyncStatusTopic, Serdes.String, serdes.SyncStatus);
        _reviews = _runner.CreateInputTopic(options.ReviewsTopic, Serdes.String, serdes.Reviews);
        _changes = _runner.CreateOutputTopic(options.LevelChangesTopic, Serdes.String, serdes.LevelChanges);
    }

    /// <summary>
    /// Judges the event's time against <paramref name="referenceMs"/> (its <see cref="ReplayTimeline"/> reference), moves the
    /// decidedAt clock to it unless it is too far ahead, pipes one event through the topology and returns the
    /// changes it caused, in output order. An event the topology throws on (the engine would dead-letter it) is recorded as
    /// rejected with the reason.
    /// </summary>
    public IReadOnlyList<RiskLevelChanged> Feed(long lineNumber, BacktestEvent e, long referenceMs)
    {
        _skewReference.Set(referenceMs);
        if (e.TimestampMs - referenceMs <= _maxSkewMs)
        {
            _clock.Observe(e.TimestampMs);
        }


        try
        {
            switch (e.Record)
            {
                case Transaction t:
                    _transactions.PipeInput(e.Key, t, e.TimestampMs);
                    break;
                case Login l:
                    _logins.PipeInput(e.Key, l, e.TimestampMs);
                    break;
                case RepaymentSync r:
                    _repayments.PipeInput(e.Key, r, e.TimestampMs);
                    break;
                case ReviewDecision review:
                    _reviews.PipeInput(e.Key, review, e.TimestampMs);
                    break;
                default:
                    _syncStatus.PipeInput(e.Key, (SyncStatus)e.Record, e.TimestampMs);
                    break;
            }

            _accepted++;
        }
        catch (Exception ex)
        {
            // The runtime routes such a record to the dead-letter topic; the offline runner has no DLQ, so the backtest reports it.
            var reason = ex is InvalidEventException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}";
            Reject(lineNumber, $"rejected by the topology: {reason}");
        }

        return ReadChanges();
    }

    /// <summary>
    /// The input has ended: decides every event the reorder buffer still holds, in event-time order, as if the grace had passed in
    /// stream time with no further input (decidedAt stays where the clock is), and returns the changes that causes, in output order.
    /// </summary>
    public IReadOnlyList<RiskLevelChanged> Finish()
    {
        // First the entity joins release what their grace holds (idle on the wall clock) — a login's address join only once its
        // device join has released it, so once per join in the chain — then the decider drains.
        for (var join = 0; _entityIdleRelease > TimeSpan.Zero && join < EntityBranches.JoinsInChain; join++)
        {
            _runner.AdvanceWallClockTime(_entityIdleRelease);
        }

        _drain.Request();
        _runner.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1));
        return ReadChanges();
    }

    /// <summary>Events the reorder buffer holds, as its store has them after a commit.</summary>
    public long BufferedEvents
    {
        get
        {
            _runner.Commit();
            return _runner.GetKeyValueStore<ReorderKey, AccountEvent>(RiskStoreNames.ReorderBuffer).ApproximateCount;
        }
    }

    /// <summary>Records a line that never reached the topology.</summary>
    public void Reject(long lineNumber, string reason) => _rejected.Add(new BacktestRejection(lineNumber, reason));

    public BacktestSummary Summary(long eventsRead) => new(
        _policy.Version, _policy.Source, eventsRead, _accepted, new Dictionary<AvroLevel, long>(_changesByLevel).AsReadOnly(),
        _runner.DroppedRecordCount + _runner.GlobalDroppedRecordCount, [.. _rejected]);

    public void Dispose() => _runner.Dispose();

    private List<RiskLevelChanged> ReadChanges()
    {
        var changes = _changes.ReadRecordsToList().Select(r => r.Value).ToList();
        foreach (var change in changes)
        {
            _changesByLevel[change.level]++;
        }

        return changes;
    }
}
