using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.State;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology;

/// <summary>
/// The risk topology on the streams engine: the three account streams and the reviews stream, keyed by account and read in
/// event time, are mapped onto the domain, merged, and decided by one stateful processor per
/// partition — in event-time order within <see cref="RiskTopologyOptions.ReorderGrace"/>, through a changelogged
/// reorder buffer, with changelogged step-down timers fired by stream time; the payment sources' sync heartbeats are a
/// global table every task reads. Every level change goes to the output topic keyed by account. Events with an implausible
/// time (<see cref="RiskTopologyOptions.MaxClockSkew"/>, <see cref="RiskTopologyOptions.MaxEventAge"/>) or values that break
/// their documented meaning are refused with the reason (the runtime dead-letters them) and counted.
/// </summary>
public static class RiskTopology
{
    /// <summary>Adds the risk topology to <paramref name="builder"/>.</summary>
    public static void Build(StreamsBuilder builder, RiskTopologyOptions options, RiskSerdes serdes, Func<RiskPolicy>? policy = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serdes);
        options.Validate();
        var currentPolicy = policy ?? (() => options.Policy);

        builder.GlobalTable(options.SyncStatusTopic, Consumed.With(Serdes.String, serdes.SyncStatus).WithName("sync-status-source"),
            Materialized.As<string, SyncStatus>(RiskStoreNames.SyncStatus));
        builder.AddStateStore(Store(options, RiskStoreNames.AccountState, Serdes.String, AccountStateSerde.Instance));
        builder.AddStateStore(Store(options, RiskStoreNames.PendingSync, Serdes.String, Serdes.Long));

        // Present whatever the grace, so changing the grace never changes the topology's stores and changelogs.
        builder.AddStateStore(Store(options, RiskStoreNames.ReorderBuffer, ReorderKey.Serde, BufferedEventSerde.Instance));
        builder.AddStateStore(Store(options, RiskStoreNames.StepDownTimers, Serdes.String, Serdes.Long));

        // The event time is checked against the processing clock before the engine's stream time sees it.
        var guard = new EventTimeGuard(options.SkewReference ?? options.Clock, options.MaxClockSkew, options.MaxEventAge);

        var transactions = builder
            .Stream(options.TransactionsTopic, Consumed.With(Serdes.String, serdes.Transactions)
                .WithTimestampExtractor((_, t, ts) => t is null ? ts : guard.EventTime(t.occurredAt, "transactions", t.eventId)).WithName("transactions-source"))
            .MapValues((key, t) => Checked(key, Mapped(t, EventMapper.Map, "transactions"), currentPolicy), "transactions-to-domain")
            .Process(() => new EventAgeCheck(options), "transactions-age-check");
        var logins = builder
            .Stream(options.LoginsTopic, Consumed.With(Serdes.String, serdes.Logins)
                .WithTimestampExtractor((_, l, ts) => l is null ? ts : guard.EventTime(l.occurredAt, "logins", l.eventId)).WithName("logins-source"))
            .MapValues((key, l) => Checked(key, Mapped(l, EventMapper.Map, "logins"), currentPolicy), "logins-to-domain")
            .Process(() => new EventAgeCheck(options), "logins-age-check");
        var repayments = builder
            .Stream(options.RepaymentsTopic, Consumed.With(Serdes.String, serdes.Repayments)
                .WithTimestampExtractor((_, r, ts) => r is null ? ts : guard.EventTime(r.occurredAt, "repayments", r.eventId)).WithName("repayments-source"))
            .MapValues((key, r) => Checked(key, Mapped(r, EventMapper.Map, "repayments"), currentPolicy), "repayments-to-domain")
            .Process(() => new EventAgeCheck(options), "repayments-age-check");

        // Human review decisions: a fourth account stream, in event time (decidedAt), decided by the same processor.
        var reviews = builder
            .Stream(options.ReviewsTopic, Consumed.With(Serdes.String, serdes.Reviews)
                .WithTimestampExtractor((_, r, ts) => r is null ? ts : guard.EventTime(r.decidedAt, ReviewEvent.StreamName, r.reviewId)).WithName("reviews-source"))
            .MapValues((key, r) => Checked(key, Mapped(r, ReviewMapper.Map, ReviewEvent.StreamName), currentPolicy), "reviews-to-domain")
            .Process(() => new EventAgeCheck(options), "reviews-age-check");

        if (options.EntitySignals)
        {
            // Each login and transaction reaches the decider twice: bare at once, holding its place in event-time order, then
            // enriched with its entities' windows, which completes it (see AccountRiskProcessor).
            transactions = transactions.Merge(EntityBranches.Transactions(builder, transactions, options), "transactions-and-enriched");
            logins = logins.Merge(EntityBranches.Logins(builder, logins, options), "logins-and-enriched");
        }

        transactions.Merge(logins, "merge-transactions-logins").Merge(repayments, "merge-repayments").Merge(reviews, "account-events")
            .Process(() => new AccountRiskProcessor(currentPolicy, options), "account-risk-decider",
                RiskStoreNames.AccountState, RiskStoreNames.PendingSync, RiskStoreNames.ReorderBuffer, RiskStoreNames.StepDownTimers, RiskStoreNames.SyncStatus)
            .MapValues(change => ChangeMapper.ToContract(change, options.Clock.GetUtcNow().UtcDateTime), "to-risk-level-changed")
            .To(options.LevelChangesTopic, Produced.With(Serdes.String, serdes.LevelChanges).WithName("risk-level-changes-sink"));
    }

    /// <summary>Adds the risk topology, deciding with whatever policy <paramref name="policy"/> holds at each event.</summary>
    public static void Build(StreamsBuilder builder, RiskTopologyOptions options, RiskSerdes serdes, RiskPolicyHolder policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Build(builder, options, serdes, () => policy.Current);
    }

    /// <summary>Builds a topology holding only the risk topology.</summary>
    public static Streams.Topology Create(RiskTopologyOptions options, RiskSerdes serdes, Func<RiskPolicy>? policy = null)
    {
        var builder = new StreamsBuilder();
        Build(builder, options, serdes, policy);
        return builder.Build();
    }

    /// <summary>A change-logged key-value store of the configured type, cached (coalescing writes per commit when the runtime gives it a budget).</summary>
    private static KeyValueStoreBuilder<TKey, TValue> Store<TKey, TValue>(RiskTopologyOptions options, string name, Serde<TKey> keys, Serde<TValue> values) =>
        Stores.KeyValueStoreBuilder(
            options.StoreType == StoreType.RocksDb ? Stores.PersistentKeyValueStore(name) : Stores.InMemoryKeyValueStore(name), keys, values)
            .WithCachingEnabled();

    /// <summary>Maps a contract onto the domain, counting what the mapper refuses (missing ids...) before it is dead-lettered.</summary>
    private static AccountEvent Mapped<T>(T value, Func<T, AccountEvent> map, string stream)
    {
        try
        {
            return map(value);
        }
        catch (InvalidEventException e)
        {
            RiskMetrics.RejectedEvents.Add(1, new KeyValuePair<string, object?>("reason", e.Reason), new KeyValuePair<string, object?>("stream", stream));
            throw;
        }
    }

    /// <summary>The mapped event if its key matches and its values keep the policy's limits; else throws (dead-lettered, counted).</summary>
    private static AccountEvent Checked(string? key, AccountEvent e, Func<RiskPolicy> policy)
    {
        if (key is not null && !key.Equals(e.AccountId, StringComparison.Ordinal))
        {
            throw EventTimeGuard.Rejected(RejectionReasons.KeyMismatch, e.Stream, $"Record key '{key}' does not match accountId '{e.AccountId}'.");
        }

        if (AccountEventValidator.Validate(e, policy().Limits) is { } rejection)
        {
            throw EventTimeGuard.Rejected(RejectionReasons.InvalidValue, e.Stream,
                $"{e.Stream} event {e.EventId}: field {rejection.Field} breaks rule {rejection.Rule}: {rejection.Message}");
        }

        return e;
    }
}
