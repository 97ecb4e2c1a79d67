using System.Text;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Risk;
using RiskStreams.Risk.Rules;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// The generator's ground truth on its crowd scenarios: per scenario instance (one device, address or merchant), which accounts
/// meet the policy's entity rule at one of their own events — the instance's events so far, all within the rule's window, are the
/// entity's whole window, since every instance has an entity of its own — and which accounts only took part in a look-alike.
/// </summary>
internal sealed class CrowdTruth
{
    private static readonly Dictionary<CrowdScenarioKind, string> ReasonOf = new()
    {
        [CrowdScenarioKind.DeviceFarm] = ReasonCodes.DeviceShared, [CrowdScenarioKind.FamilyTablet] = ReasonCodes.DeviceShared,
        [CrowdScenarioKind.StuffingWave] = ReasonCodes.IpCredentialStuffing, [CrowdScenarioKind.CorporateNat] = ReasonCodes.IpCredentialStuffing,
        [CrowdScenarioKind.MerchantAttack] = ReasonCodes.MerchantCardTesting, [CrowdScenarioKind.CoffeeKiosk] = ReasonCodes.MerchantCardTesting,
    };

    private readonly List<Instance> _instances;

    private CrowdTruth(List<Instance> instances) => _instances = instances;

    /// <summary>Accounts expected to carry each entity reason.</summary>
    public Dictionary<string, HashSet<string>> Expected => ReasonOf.Values.Distinct().ToDictionary(r => r,
        r => _instances.Where(i => ReasonOf[i.Kind] == r).SelectMany(i => i.Qualifying.Select(q => q.Account)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Per crowd event id: its scenario and how many events of its entity's window end at it (the instance's so far, itself included).</summary>
    public Dictionary<string, (CrowdScenarioKind Kind, int WindowEvents)> WindowEventsAt => _instances
        .SelectMany(i => i.EventIds.Select((id, n) => (id, i.Kind, n + 1))).ToDictionary(x => x.id, x => (x.Kind, x.Item3), StringComparer.Ordinal);

    /// <summary>Accounts that took part in a look-alike and qualify for no entity reason anywhere.</summary>
    public HashSet<string> LookAlikeOnly
    {
        get
        {
            var qualifying = _instances.SelectMany(i => i.Qualifying.Select(q => q.Account)).ToHashSet(StringComparer.Ordinal);
            return _instances.Where(i => i.Kind is CrowdScenarioKind.FamilyTablet or CrowdScenarioKind.CorporateNat or CrowdScenarioKind.CoffeeKiosk)
                .SelectMany(i => i.Members).Where(a => !qualifying.Contains(a)).ToHashSet(StringComparer.Ordinal);
        }
    }

    public static CrowdTruth Of(IEnumerable<GeneratedEvent> events, RiskPolicy policy)
    {
        var device = policy.Rules.Get<DeviceSharedRule>();
        var ip = policy.Rules.Get<IpCredentialStuffingRule>();
        var merchant = policy.Rules.Get<MerchantCardTestingRule>();
        var instances = events.Where(e => e.Crowd is not null).GroupBy(e => (Kind: e.Crowd!.Kind, Entity: e.Value switch
        {
            Transaction t => t.merchantId,
            Login l when e.Crowd?.Kind is CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.FamilyTablet => l.deviceId,
            Login l => l.ipAddress,
            _ => throw new InvalidOperationException($"Unexpected crowd event {e.Value.GetType().Name}."),
        })).Select(g =>
        {
            var ordered = g.OrderBy(e => e.TimestampMs).ToList();
            var window = g.Key.Kind switch
            {
                CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.FamilyTablet => device.Window,
                CrowdScenarioKind.StuffingWave or CrowdScenarioKind.CorporateNat => ip.Window,
                _ => merchant.Window,
            };
            Assert.True(ordered[^1].TimestampMs - ordered[0].TimestampMs <= window.TotalMilliseconds, $"{g.Key} must fit in its rule's window");
            var qualifying = new List<Qualified>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int count = 0, failed = 0, unverified = 0, small = 0, smallDeclined = 0;
            foreach (var e in ordered)
            {
                seen.Add(e.Key);
                count++;
                bool meets;
                if (e.Value is Login l)
                {
                    failed += l.outcome == LoginOutcome.FAILURE ? 1 : 0;
                    unverified += l.mfaUsed ? 0 : 1;
                    meets = g.Key.Kind is CrowdScenarioKind.DeviceFarm or CrowdScenarioKind.FamilyTablet
                        ? seen.Count >= device.DistinctAccounts && !(device.MfaExempts && failed == 0 && unverified == 0)
                        : failed >= ip.FailedLogins && seen.Count >= ip.DistinctAccounts && (double)failed / count >= ip.FailureRatio;
                }
                else
                {
                    var t = (Transaction)e.Value;
                    var isSmall = t.kind != TransactionKind.REFUND && merchant.IsSmall(t.amountMinor, t.currency);
                    small += isSmall ? 1 : 0;
                    smallDeclined += isSmall && t.status != TransactionStatus.APPROVED ? 1 : 0;
                    meets = isSmall && small >= merchant.SmallTransactions && seen.Count >= merchant.DistinctAccounts
                        && (double)smallDeclined / small >= merchant.DeclineRatio;
                }

                if (meets && !qualifying.Exists(q => q.Account == e.Key))
                {
                    qualifying.Add(new Qualified(e.Key, EventId(e), e.TimestampMs));
                }
            }

            return new Instance(g.Key.Kind, g.Key.Entity, seen, qualifying, [.. ordered.Select(EventId)]);
        }).ToList();
        return new CrowdTruth(instances);
    }

    /// <summary>Whether every attack occurs complete at least once (the workload may cut the last instances short).</summary>
    public bool HasCompleteAttacks => new[] { CrowdScenarioKind.DeviceFarm, CrowdScenarioKind.StuffingWave, CrowdScenarioKind.MerchantAttack }
        .All(kind => _instances.Any(i => i.Kind == kind && i.EventIds.Count == Complete(kind).Events));

    /// <summary>
    /// Asserts the scenario arithmetic (every farm account, the stuffing wave's accounts from its 20th failure, the attacked merchant's
    /// from its 10th small payment; no look-alike account) and that in <paramref name="changes"/> every qualifying account still at NORMAL
    /// rises with the reason at its first qualifying event, no account that never qualifies carries the reason, and no account that only
    /// took part in look-alikes carries any entity reason.
    /// </summary>
    /// <returns>How many qualifying accounts rose with their reason and how many were already above NORMAL.</returns>
    public string AssertCaught(IReadOnlyList<Change> changes, string side)
    {
        foreach (var instance in _instances)
        {
            var (events, qualifying) = Complete(instance.Kind);
            Assert.True(instance.EventIds.Count < events || qualifying == instance.Qualifying.Count,
                $"{instance.Kind} {instance.Entity}: {instance.Qualifying.Count} qualifying accounts, expected {qualifying}");
        }

        // A qualifying account that was at NORMAL rises to WATCH at least (every entity rule weighs more than levels.watch), so the
        // change at that very event names the reason; one already above NORMAL may not change level (REPAYMENT_SYNC_PENDING holds
        // it at WATCH, SUSPENDED is the top), so it is only counted.
        var report = new StringBuilder();
        int rose = 0, elevated = 0;
        foreach (var instance in _instances)
        {
            var reason = ReasonOf[instance.Kind];
            foreach (var q in instance.Qualifying)
            {
                var before = changes.Where(c => c.Account == q.Account && c.EventTimeMs < q.AtMs).MaxBy(c => c.Version);
                if (before is not null && before.Level != "NORMAL")
                {
                    elevated++;
                    continue;
                }

                rose++;

                if (!changes.Any(c => c.Account == q.Account && c.Trigger == q.EventId && c.Reasons.Contains(reason)))
                {
                    report.Append($"  {side}: {q.Account} at NORMAL got no {reason} change at {q.EventId} ({instance.Kind} {instance.Entity}); its changes: {History(changes, q.Account)}\n");
                }
            }
        }

        foreach (var (reason, expected) in Expected)
        {
            var actual = changes.Where(c => c.Reasons.Contains(reason)).Select(c => c.Account).ToHashSet(StringComparer.Ordinal);
            foreach (var extra in actual.Except(expected).Order(StringComparer.Ordinal))
            {
                report.Append($"  {side}: {extra} got {reason} without qualifying; its changes: {History(changes, extra)}\n");
            }
        }

        var lookAlikes = LookAlikeOnly;
        foreach (var change in changes.Where(c => lookAlikes.Contains(c.Account) && c.Reasons.Intersect(ReasonOf.Values).Any()))
        {
            report.Append($"  {side}: look-alike account {change.Account} got an entity reason: {change}\n");
        }

        Assert.True(report.Length == 0, $"Crowd scenarios caught wrongly:\n{report}");
        return $"{side}: {rose} qualifying accounts at NORMAL rose with their reason, {elevated} were already above NORMAL";
    }

    public override string ToString() =>
        string.Join("; ", _instances.GroupBy(i => i.Kind).Select(g =>
            $"{g.Key}: {g.Count()} × ({string.Join("/", g.Select(i => i.Members.Count))} accounts, {string.Join("/", g.Select(i => i.Qualifying.Count))} qualifying)")) +
        $"; {LookAlikeOnly.Count} look-alike-only accounts";

    /// <summary>A complete instance's events and the accounts qualifying at them (see the scenarios in the generator's CrowdScenarios).</summary>
    private static (int Events, int Qualifying) Complete(CrowdScenarioKind kind) => kind switch
    {
        CrowdScenarioKind.DeviceFarm => (16, 8),        // 8 accounts twice round: the 5th account on is the 5th distinct, then all 8 again
        CrowdScenarioKind.StuffingWave => (30, 11),     // 15 accounts twice round: the 20th failure is the 5th account of round two
        CrowdScenarioKind.MerchantAttack => (12, 3),    // 12 small payments, every other declined: the 10th to the 12th
        CrowdScenarioKind.FamilyTablet => (10, 0),      // 5 accounts twice round: five distinct, but every sign-in with MFA
        CrowdScenarioKind.CorporateNat => (32, 0),      // 2 failures among 32 sign-ins
        _ => (25, 0),                               // 25 small approved purchases
    };

    private static string History(IReadOnlyList<Change> changes, string account) =>
        string.Join(" | ", changes.Where(c => c.Account == account).OrderBy(c => c.Version)) is { Length: > 0 } h ? h : "(none)";

    private static string EventId(GeneratedEvent e) => e.Value is Login l ? l.eventId : ((Transaction)e.Value).eventId;

    private sealed record Instance(CrowdScenarioKind Kind, string Entity, HashSet<string> Members, List<Qualified> Qualifying, List<string> EventIds);

    /// <summary>An account's first event at which it meets the rule.</summary>
    private sealed record Qualified(string Account, string EventId, long AtMs);
}
