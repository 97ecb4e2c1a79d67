using RiskStreams.Risk;
using RiskStreams.Risk.Rules;
using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The entity branches of the risk topology: account events re-keyed by device, network address or merchant, aggregated in
/// sliding windows over all accounts, and joined back — each event with its entity's window <em>as of its own time</em>, read
/// from a versioned table after the join grace — then re-keyed to the account for the decider.
/// </summary>
/// <remarks>
/// Per entity kind: <c>SelectKey</c> → <c>Repartition</c> → (sliding-window aggregate → the windows ending at an event → a
/// versioned table) and, from the same repartitioned stream, a left join on that table with grace. The aggregate is the first
/// child of the repartitioned stream, so an event's own window is in the table before the join reads it; with a grace the
/// join waits until the entity task's stream time has passed the event by the grace, so events of other accounts arriving
/// out of order within the grace (from other upstream partitions) are counted whatever the order. Window sizes and the small
/// amount of merchants come from the policy in force when the topology is built.
/// </remarks>
internal static class EntityBranches
{
    /// <summary>The most entity joins one event passes on its way back to the decider (a login: its device's, then its address's).</summary>
    public const int JoinsInChain = 2;

    private static readonly Serde<AccountEvent> Events = BufferedEventSerde.Instance;

    /// <summary>Logins enriched with their device's and (when they carry one) their address's window, keyed by account again.</summary>
    public static KStream<string, AccountEvent> Logins(StreamsBuilder builder, KStream<string, AccountEvent> logins, RiskTopologyOptions options)
    {
        var rules = options.Policy.Rules;
        var byDevice = Enrich(builder,
            logins.SelectKey((_, e) => ((LoginEvent)e).DeviceId, "entity-device-rekey"), EntitySignalNames.Device, rules.Get<DeviceSharedRule>().Window, options,
            static (e, w) => w.WithLogin(e.AccountId, e.OccurredAtMs, ((LoginEvent)e).Success, ((LoginEvent)e).MfaUsed),
            static (e, summary) => e with { Entity = (e.Entity ?? new EntityContext()) with { Device = summary } });
        var withAddress = byDevice.Filter(static (_, e) => HasAddress(e), "entity-ip-present");
        var withoutAddress = byDevice.FilterNot(static (_, e) => HasAddress(e), "entity-ip-absent");
        var byAddress = Enrich(builder,
            withAddress.SelectKey((_, e) => ((LoginEvent)e).IpAddress!, "entity-ip-rekey"), EntitySignalNames.Ip, rules.Get<IpCredentialStuffingRule>().Window, options,
            static (e, w) => w.WithLogin(e.AccountId, e.OccurredAtMs, ((LoginEvent)e).Success, ((LoginEvent)e).MfaUsed),
            static (e, summary) => e with { Entity = (e.Entity ?? new EntityContext()) with { Ip = summary } });

        // Each path goes back on its own topic: merging them first would put the device and address tasks in one
        // sub-topology that writes and reads the address topic (a cycle). The decider's task merges them.
        var back = byAddress.SelectKey(static (_, e) => e.AccountId, "entity-logins-account-rekey")
            .Repartition(EntitySignalNames.LoginsByAccount, Serdes.String, Events);
        var backWithoutAddress = withoutAddress.SelectKey(static (_, e) => e.AccountId, "entity-logins-without-address-account-rekey")
            .Repartition(EntitySignalNames.LoginsWithoutAddressByAccount, Serdes.String, Events);
        return back.Merge(backWithoutAddress, "entity-logins-enriched");
    }

    /// <summary>
    /// Small payments enriched with their merchant's window, keyed by account again. Only they reach the merchant aggregate (the
    /// rule looks at nothing else), so a busy merchant's ordinary purchases cost the branch nothing.
    /// </summary>
    public static KStream<string, AccountEvent> Transactions(StreamsBuilder builder, KStream<string, AccountEvent> transactions, RiskTopologyOptions options)
    {
        var rule = options.Policy.Rules.Get<MerchantCardTestingRule>();
        var byMerchant = Enrich(builder,
            transactions.Filter((_, e) => rule.Concerns((TransactionEvent)e), "entity-merchant-small-payments")
                .SelectKey(static (_, e) => ((TransactionEvent)e).MerchantId, "entity-merchant-rekey"), EntitySignalNames.Merchant, rule.Window, options,
            static (e, w) =>
            {
                var t = (TransactionEvent)e;
                return w.WithTransaction(t.AccountId, t.OccurredAtMs, small: true, !t.Approved);
            },
            static (e, summary) => e with { Entity = (e.Entity ?? new EntityContext()) with { Merchant = summary } });
        return byMerchant
            .SelectKey(static (_, e) => e.AccountId, "entity-transactions-account-rekey")
            .Repartition(EntitySignalNames.TransactionsByAccount, Serdes.String, Events);
    }

    /// <summary>
    /// Whether <paramref name="e"/> is a bare login or small payment, whose enriched copy the entity branches send to the decider
    /// after it (every validated login has a device and every transaction a merchant, so each gets exactly one).
    /// </summary>
    /// <param name="e">The event.</param>
    /// <param name="merchantRule">The merchant rule of the policy the topology was built with (it says which payments are small).</param>
    public static bool AwaitsEnrichment(AccountEvent e, MerchantCardTestingRule merchantRule) => e.Entity is null && e switch
    {
        LoginEvent => true,
        TransactionEvent t => merchantRule.Concerns(t),
        _ => false,
    };

    private static bool HasAddress(AccountEvent e) => !string.IsNullOrEmpty(((LoginEvent)e).IpAddress);

    private static KStream<string, AccountEvent> Enrich(
        StreamsBuilder builder, KStream<string, AccountEvent> rekeyed, string kind, TimeSpan window, RiskTopologyOptions options,
        Func<AccountEvent, EntityWindow, EntityWindow> add, Func<AccountEvent, EntityWindowSummary, AccountEvent> attach)
    {
        var grace = options.EntityJoinGrace;
        var lateness = options.EntityMaxLateness;
        var windowMs = (long)window.TotalMilliseconds;
        var byEntity = rekeyed.Repartition(EntitySignalNames.Events(kind), Serdes.String, Events);

        // First child of the repartitioned stream: an event's own window is in the table before the join below reads it. Each
        // event counts once, however often a replay delivers it.
        var seen = EntitySignalNames.Seen(kind);
        builder.AddStateStore(Stores.WindowStoreBuilder(
            options.StoreType == StoreType.RocksDb
                ? Stores.PersistentWindowStore(seen, window + lateness, TimeSpan.FromMilliseconds(1), retainDuplicates: false)
                : Stores.InMemoryWindowStore(seen, window + lateness, TimeSpan.FromMilliseconds(1), retainDuplicates: false),
            Serdes.String, Serdes.Long));
        var latest = byEntity
            .ProcessValues(() => new FirstSighting(seen), $"entity-{kind}-first-sighting", seen)
            .GroupByKey(Grouped.With(Serdes.String, Events))
            .WindowedBy(SlidingWindows.OfTimeDifferenceAndGrace(window, lateness))
            .Aggregate(() => EntityWindow.Empty, (_, e, w) => add(e, w),
                Materialized.As<string, EntityWindow>(EntitySignalNames.Windows(kind)).WithKeySerde(Serdes.String).WithValueSerde(EntityWindowSerde.Instance))
            .ToStream($"entity-{kind}-window-updates")

            // The window ending at an event holds exactly the entity's events of the window before it (a sliding window's
            // later windows, which end after their latest event, hold only part of theirs).
            .Filter(static (k, w) => w is not null && w.LatestMs == k.Window.EndMs, $"entity-{kind}-windows-ending-at-events")
            .SelectGroupKey(Serdes.String, $"entity-{kind}-window-key")
            // Versions kept for a window's length plus the lateness: an event arriving out of order (upstream partitions apart)
            // finds the window ending at its own time, which the aggregate created for it however late within the lateness.
            .ToTable(Materialized.As<string, EntityWindow>(Stores.InMemoryVersionedKeyValueStore(EntitySignalNames.Latest(kind), window + lateness))
                .WithKeySerde(Serdes.String).WithValueSerde(EntityWindowSerde.Instance), $"entity-{kind}-table");
        var joined = Joined.With(Serdes.String, Events, EntityWindowSerde.Instance).WithName(EntitySignalNames.Join(kind));
        return byEntity.LeftJoin(latest,
            // Always with an entity context, empty when the entity has no window yet: that is what marks the event enriched.
            (key, e, w) => w is null ? e with { Entity = e.Entity ?? new EntityContext() } : attach(e, w.Summarize(EntityTags.Of(kind, key), windowMs)),
            grace <= TimeSpan.Zero ? joined
                : options.EntityJoinIdleRelease > TimeSpan.Zero ? joined.WithGracePeriod(grace).WithIdleRelease(options.EntityJoinIdleRelease)
                : joined.WithGracePeriod(grace));
    }
}
