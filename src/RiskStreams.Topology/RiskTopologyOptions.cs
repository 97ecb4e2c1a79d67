using RiskStreams.Risk;
using RiskStreams.Streams;

namespace RiskStreams.Topology;

/// <summary>Topics and policy of the risk pipeline.</summary>
public sealed record RiskTopologyOptions
{
    /// <summary>Transactions topic.</summary>
    public string TransactionsTopic { get; init; } = RiskTopics.Transactions;

    /// <summary>Logins topic.</summary>
    public string LoginsTopic { get; init; } = RiskTopics.Logins;

    /// <summary>Repayment-sync topic.</summary>
    public string RepaymentsTopic { get; init; } = RiskTopics.Repayments;

    /// <summary>Sync-status heartbeat topic.</summary>
    public string SyncStatusTopic { get; init; } = RiskTopics.SyncStatus;

    /// <summary>Output topic.</summary>
    public string LevelChangesTopic { get; init; } = RiskTopics.LevelChanges;

    /// <summary>Dead-letter topic.</summary>
    public string DeadLetterTopic { get; init; } = RiskTopics.DeadLetter;

    /// <summary>Policy that decides levels.</summary>
    public RiskPolicy Policy { get; init; } = RiskPolicy.Default;

    /// <summary>
    /// How long the account processor holds an event to let earlier events that arrive after it go first (default 5 s;
    /// zero decides every event on arrival, as before the buffer existed). An event is decided once the task's stream time
    /// reaches its event time plus this grace, in event-time order, or once it has waited this long on the wall clock
    /// (checked every second at most), whichever comes first; an event already older than stream time minus the grace is
    /// decided at once, never dropped. A level change is therefore emitted up to this much later than without the buffer.
    /// </summary>
    public TimeSpan ReorderGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Where the account stores live: in memory (rebuilt from their changelogs after every restart) or RocksDB in the
    /// state directory (after a clean stop only the changelog tail is restored). Default in memory.
    /// </summary>
    public StoreType StoreType { get; init; } = StoreType.InMemory;

    /// <summary>Clock for <c>decidedAt</c> (the only wall-clock field of a change).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The four input topics.</summary>
    public IReadOnlyList<string> InputTopics => [TransactionsTopic, LoginsTopic, RepaymentsTopic, SyncStatusTopic];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(TransactionsTopic), TransactionsTopic), (nameof(LoginsTopic), LoginsTopic),
                     (nameof(RepaymentsTopic), RepaymentsTopic), (nameof(SyncStatusTopic), SyncStatusTopic),
                     (nameof(LevelChangesTopic), LevelChangesTopic), (nameof(DeadLetterTopic), DeadLetterTopic),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must name a topic.", name);
            }
        }

        if (InputTopics.Distinct(StringComparer.Ordinal).Count() != 4)
        {
            throw new ArgumentException("The four input topics must be distinct.", nameof(TransactionsTopic));
        }

        if (ReorderGrace < TimeSpan.Zero || ReorderGrace.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{nameof(ReorderGrace)} must be zero or positive, in whole milliseconds; was {ReorderGrace}.", nameof(ReorderGrace));
        }
    }
}
