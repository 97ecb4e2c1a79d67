using FsCheck;
using FsCheck.Fluent;
using RiskStreams.Risk;
using RiskStreams.Risk.Rules;
using static RiskStreams.Topology.Tests.RiskTopologyDriver;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// Properties of the entity branches over generated crowds of accounts sharing devices, addresses and merchants: an event is
/// enriched with its entity's window as of its own time, so events reaching the entity tasks out of order within the entity
/// join grace (as they do from several upstream partitions) give the same decisions as in order.
/// </summary>
public sealed class EntitySignalPropertyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private const int EntityGraceMs = 2_000;
    private static readonly Config Config = Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true);

    // Lower thresholds than the default policy, so small generated crowds trip every cross-account rule now and then.
    private static readonly RiskPolicy Policy = Lowered(RiskPolicy.Default);

    private static readonly Gen<CrowdEvent[]> Crowds =
        from count in Gen.Choose(20, 90)
        from events in Gen.ArrayOf(
            from gap in Gen.Choose(100, 1_500)
            from account in Gen.Choose(0, 11)
            from login in Gen.Elements(true, false)
            from entity in Gen.Choose(0, 1)
            from success in Gen.Frequency((2, Gen.Constant(false)), (3, Gen.Constant(true)))
            from mfa in Gen.Elements(true, false)
            from address in Gen.Choose(0, 2)
            from small in Gen.Elements(true, false)
            select new CrowdEvent(0, gap, $"crowd-{account}", login, entity, success, mfa, address, small), count)
        select Timed(events);

    [Fact]
    public void Disorder_within_the_entity_join_grace_changes_no_decision()
    {
        var crowds =
            from events in Crowds
            from jitter in Gen.ArrayOf(Gen.Choose(0, EntityGraceMs - 1), events.Length)
            select (events, jitter);
        Check.One(Config, Prop.ForAll(crowds.ToArbitrary(), c =>
        {
            var arrival = c.events.OrderBy(e => e.AtMs + c.jitter[e.Index]).ThenBy(e => e.Index).ToArray();
            var ordered = Run(c.events);
            return ordered.SequenceEqual(Run(arrival));
        }));
    }

    [Fact]
    public void Generated_crowds_raise_accounts_through_each_cross_account_rule()
    {
        // Guards the property above against proving nothing: the generated crowds do trip the three rules.
        var codes = new HashSet<string>();
        foreach (var events in Crowds.Sample(40, 20))
        {
            codes.UnionWith(Run(events).SelectMany(c => c.Split('|')[^1].Split(',')));
        }

        Assert.Superset(new HashSet<string> { ReasonCodes.DeviceShared, ReasonCodes.IpCredentialStuffing, ReasonCodes.MerchantCardTesting }, codes);
    }

    private List<string> Run(IEnumerable<CrowdEvent> events)
    {
        // A wide reorder grace: the logins' two entity joins and the transactions' one hold each path for its own stretch of stream time.
        using var d = new RiskTopologyDriver(registry.Serdes, new RiskPolicyHolder(Policy), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(EntityGraceMs));
        var last = T0;
        foreach (var e in events)
        {
            var at = T0.AddMilliseconds(e.AtMs);
            last = at > last ? at : last;
            if (e.Login)
            {
                d.SignIn(e.Account, at, e.Success, $"shared-device-{e.Entity}", e.Address == 2 ? null : $"198.18.0.{e.Address}", e.Mfa, $"e{e.Index}");
            }
            else
            {
                d.Pay(e.Account, at, e.Small ? 120 : 6_000, $"shared-merchant-{e.Entity}", approved: e.Success, $"e{e.Index}");
            }
        }

        // Ticks of a bystander carry every entity task's stream time past the grace (twice for the logins' second join).
        d.SignIn("tick", last.AddSeconds(10), success: true, "tick-device", "198.18.1.1", mfa: true, "tick-1");
        d.SignIn("tick", last.AddSeconds(20), success: true, "tick-device", "198.18.1.1", mfa: true, "tick-2");
        d.Pay("tick", last.AddSeconds(10), 6_000, "tick-merchant", approved: true, "tick-3");
        d.Flush();
        return EntitySignalTests.Describe(d.Changes.ReadRecordsToList().Select(r => r.Value));
    }

    private static RiskPolicy Lowered(RiskPolicy policy)
    {
        var rules = policy.Rules;
        rules = rules.With(rules.Get<DeviceSharedRule>() with { DistinctAccounts = 4 });
        rules = rules.With(rules.Get<IpCredentialStuffingRule>() with { DistinctAccounts = 4, FailedLogins = 5, FailureRatio = 0.4 });
        rules = rules.With(rules.Get<MerchantCardTestingRule>() with { DistinctAccounts = 4, SmallTransactions = 4 });
        return policy with { Rules = rules };
    }

    private static CrowdEvent[] Timed(CrowdEvent[] events)
    {
        var at = 3_600_000L;
        return [.. events.Select((e, i) => e with { Index = i, AtMs = at += e.AtMs })];
    }

    /// <summary>One generated event: <see cref="AtMs"/> is first the gap to the previous event, then its time after <see cref="T0"/>.</summary>
    private sealed record CrowdEvent(int Index, long AtMs, string Account, bool Login, int Entity, bool Success, bool Mfa, int Address, bool Small);
}
