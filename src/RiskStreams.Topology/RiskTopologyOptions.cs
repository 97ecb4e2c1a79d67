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

    /// <summary>Review decisions topic (appeals and manual reviews, <c>ReviewDecision</c>), a fourth account stream.</summary>
    public string ReviewsTopic { get; init; } = RiskTopics.Reviews;

    /// <summary>Output topic.</summary>
    public string LevelChangesTopic { get; init; } = RiskTopics.LevelChanges;

    /// <summary>Dead-letter topic.</summary>
    public string DeadLetterTopic { get; init; } = RiskTopics.DeadLetter;

    /// <summary>Policy that decides levels.</summary>
    public RiskPolicy Policy { get; init; } = RiskPolicy.Default;

    /// <summary>
    /// How long the account processor holds an event to let earlier events that arrive after it go first (default 5 s;
    /// zero decides every event on arrival). An event is decided once the task's stream time reaches its event time plus
    /// this grace, in event-time order; an event already older than stream time minus the grace is decided at once, never
    /// dropped. Release goes by stream time only, never the wall clock, so the same input gives the same output however it
    /// is paced: a partition that goes quiet holds its last events until its stream time moves (the next record on any
    /// account of the partition). A level change is therefore emitted up to this much event time later than without the buffer.
    /// </summary>
    public TimeSpan ReorderGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How far ahead of the processing clock (<see cref="Clock"/>: the wall clock live, the replay clock in a backtest) an
    /// event's time may be (default 5 min: device and ledger clocks drift by seconds, not minutes). A later event is
    /// dead-lettered, with the reason, before its time reaches the task's stream time: it never moves an account's clock,
    /// a window, the reorder cutoff or a step-down timer.
    /// </summary>
    public TimeSpan MaxClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How far behind the task's stream time an event's time may be (default 35 days: the 30-day spend baseline plus margin,
    /// and far beyond every level cooldown). An older event is dead-lettered with the reason. Measured against stream time, not
    /// the wall clock, so reprocessing old input gives the same answers; must be at least the policy's longest cooldown.
    /// </summary>
    public TimeSpan MaxEventAge { get; init; } = TimeSpan.FromDays(35);

    /// <summary>
    /// Where the account stores live: in memory (rebuilt from their changelogs after every restart) or RocksDB in the
    /// state directory (after a clean stop only the changelog tail is restored). Default in memory.
    /// </summary>
    public StoreType StoreType { get; init; } = StoreType.InMemory;

    /// <summary>
    /// The processing clock: <c>decidedAt</c> of a change (its only wall-clock field) and the reference of
    /// <see cref="MaxClockSkew"/>. Never used to decide a level.
    /// </summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Offline runs only: the reference of <see cref="MaxClockSkew"/> when it is not <see cref="Clock"/> (the backtest's timeline).</summary>
    internal TimeProvider? SkewReference { get; init; }

    /// <summary>Offline runs only: lets the backtest decide what the reorder buffer still holds when its input ends.</summary>
    internal Internal.ReorderDrain? Drain { get; init; }

    /// <summary>
    /// Whether the entity branches run (default true): logins re-keyed by device and by network address and transactions by
    /// merchant, aggregated in sliding windows over all accounts and joined back to each account event as of its time, feeding
    /// <c>DEVICE_SHARED</c>, <c>IP_CREDENTIAL_STUFFING</c> and <c>MERCHANT_CARD_TESTING</c>. Off, the account events go straight to
    /// the decider (no repartition topics) and those rules never fire. See <see cref="EntitySignalNames"/>.
    /// </summary>
    public bool EntitySignals { get; init; } = true;

    /// <summary>
    /// How long (stream time of the entity task) an event waits before it is joined with its entity's window (default 2 s;
    /// zero joins at once). Events of other accounts that reach the entity task out of order within it — they come from several
    /// upstream partitions — are counted whatever the order, so the answer does not depend on which partition ran first.
    /// An entity partition's stream time moves only with its own entities' events; <see cref="EntityJoinIdleRelease"/> keeps a
    /// quiet one from holding its last events. Logins pass two entity joins, so keep twice this within <see cref="ReorderGrace"/>.
    /// </summary>
    public TimeSpan EntityJoinGrace { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long (wall clock) an entity join may receive no event before it joins what its grace buffer holds without waiting
    /// for stream time (default 1 s; zero waits for stream time only). The only wall-clock step of the entity branches: it
    /// changes an answer only when an event arrives after a quiet period of this length yet within the grace of an event
    /// released by it. Offline runs (backtest, test driver) release only when their input ends.
    /// </summary>
    public TimeSpan EntityJoinIdleRelease { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How far behind the entity task's stream time an event may arrive and still be counted in its entity's windows and find
    /// the window ending at its own time (the sliding windows' grace; default 1 h). Several upstream partitions feed each entity
    /// task, so in a replay or after a lagging partition catches up, events arrive minutes of event time out of order; an
    /// event later than this is still decided, with its entity's window as it stands, and counted in no window. The windows
    /// and versioned tables keep history for the rule's window plus this.
    /// </summary>
    public TimeSpan EntityMaxLateness { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long (wall clock) the decider waits for a login's or small payment's enriched copy before it decides the event
    /// without it (default 2 min; counted in <c>riskstreams_risk_entity_enrichment_overdue_total</c>). The enrichment normally
    /// comes back within a second or two, also while a backlog is worked through; this is a safety valve for one that cannot
    /// come (an enriched copy consumed before a restart that its bare copy came after). Offline runs never time out.
    /// </summary>
    public TimeSpan EntityEnrichmentTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// The engine's <c>StreamsOptions.MaxTaskTimeSkew</c> this topology wants: with the entity branches, half the entity join
    /// grace, so the account tasks of one stream thread feed the entity tasks out of order by less than the grace even in a
    /// backlog (null without the branches or without a grace).
    /// </summary>
    public TimeSpan? TaskTimeSkew => EntitySignals && EntityJoinGrace > TimeSpan.Zero
        ? TimeSpan.FromMilliseconds(Math.Max(1, (long)EntityJoinGrace.TotalMilliseconds / 2))
        : null;

    /// <summary>The five input topics.</summary>
    public IReadOnlyList<string> InputTopics => [TransactionsTopic, LoginsTopic, RepaymentsTopic, SyncStatusTopic, ReviewsTopic];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(TransactionsTopic), TransactionsTopic), (nameof(LoginsTopic), LoginsTopic),
                     (nameof(RepaymentsTopic), RepaymentsTopic), (nameof(SyncStatusTopic), SyncStatusTopic), (nameof(ReviewsTopic), ReviewsTopic),
                     (nameof(LevelChangesTopic), LevelChangesTopic), (nameof(DeadLetterTopic), DeadLetterTopic),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must name a topic.", name);
            }
        }

        if (InputTopics.Distinct(StringComparer.Ordinal).Count() != InputTopics.Count)
        {
            throw new ArgumentException("The input topics must be distinct.", nameof(TransactionsTopic));
        }

        if (ReorderGrace < TimeSpan.Zero || ReorderGrace.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{nameof(ReorderGrace)} must be zero or positive, in whole milliseconds; was {ReorderGrace}.", nameof(ReorderGrace));
        }

        if (EntityJoinGrace < TimeSpan.Zero || EntityJoinGrace.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{nameof(EntityJoinGrace)} must be zero or positive, in whole milliseconds; was {EntityJoinGrace}.", nameof(EntityJoinGrace));
        }

        if (EntityJoinIdleRelease < TimeSpan.Zero || EntityJoinIdleRelease.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{nameof(EntityJoinIdleRelease)} must be zero or positive, in whole milliseconds; was {EntityJoinIdleRelease}.", nameof(EntityJoinIdleRelease));
        }

        if (EntityEnrichmentTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(EntityEnrichmentTimeout)} must be positive; was {EntityEnrichmentTimeout}.", nameof(EntityEnrichmentTimeout));
        }

        if (EntityMaxLateness < EntityJoinGrace || EntityMaxLateness.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"{nameof(EntityMaxLateness)} must be at least {nameof(EntityJoinGrace)}, in whole milliseconds; was {EntityMaxLateness}.", nameof(EntityMaxLateness));
        }

        if (MaxClockSkew <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxClockSkew)} must be positive; was {MaxClockSkew}.", nameof(MaxClockSkew));
        }

        var longestCooldown = new[] { Policy.Cooldowns.Watch, Policy.Cooldowns.Restricted, Policy.Cooldowns.Suspended }.Max();
        if (MaxEventAge < longestCooldown || MaxEventAge < ReorderGrace)
        {
            throw new ArgumentException(
                $"{nameof(MaxEventAge)} must be at least the policy's longest cooldown ({longestCooldown}) and the reorder grace; was {MaxEventAge}.",
                nameof(MaxEventAge));
        }
    }
}
