using RiskStreams.Avro.Contracts;

namespace RiskStreams.DevStack.Tests.Generator;

/// <summary>The generator's ground truth of its scenarios across accounts: which accounts share which device, address or merchant.</summary>
public sealed class CrowdScenarioTests
{
    private static readonly WorkloadOptions Default = new();

    [Fact]
    public void The_readme_dev_run_of_20000_events_holds_every_crowd_scenario_with_its_accounts()
    {
        var events = new WorkloadGenerator(Default).Generate().Take(20_000).ToList();
        var scenarios = Scenarios(events);

        // Turn, kind, entity, accounts with an event among the 20,000 / accounts taking part, events among the 20,000 / the
        // scenario's, start (one every 20 min from 08:20): every kind is whole at least once; the 20,000th event cuts the
        // second merchant attack after 6 of its 12 cards.
        Assert.Equal(
            [
                "0 DeviceFarm farm-phone-0000 8/8 16/16 08:20", "1 StuffingWave 198.51.100.54 15/15 30/30 08:40", "2 MerchantAttack m-attacked-0002 12/12 12/12 09:00",
                "3 FamilyTablet family-tablet-0003 5/5 10/10 09:20", "4 CorporateNat 192.0.2.237 30/30 32/32 09:40", "5 CoffeeKiosk m-coffee-kiosk-0005 25/25 25/25 10:00",
                "6 DeviceFarm farm-phone-0006 8/8 16/16 10:20", "7 StuffingWave 198.51.100.30 15/15 30/30 10:40", "8 MerchantAttack m-attacked-0008 6/12 6/12 11:00",
            ],
            scenarios.Select(s => $"{s.Turn} {s.Kind} {s.EntityId} {events.Where(e => e.Crowd == s).Select(e => e.Key).Distinct().Count()}/{s.AccountIds.Count} " +
                $"{events.Count(e => e.Crowd == s)}/{s.Events} {DateTimeOffset.FromUnixTimeMilliseconds(s.StartMs):HH:mm}"));
        Assert.Equal(["acct-000581", "acct-000903", "acct-000744", "acct-000955", "acct-000201", "acct-000492", "acct-000413", "acct-000148"], scenarios[0].AccountIds);
        Assert.Equal(["acct-000818", "acct-000773", "acct-000112", "acct-000235", "acct-000190"], scenarios[3].AccountIds);
        Assert.Equal([true, true, true, false, false, false, true, true, true], scenarios.Select(s => s.IsAttack));
        Assert.Equal(
            [CrowdEntityKind.Device, CrowdEntityKind.IpAddress, CrowdEntityKind.Merchant, CrowdEntityKind.Device, CrowdEntityKind.IpAddress, CrowdEntityKind.Merchant],
            scenarios.Take(6).Select(s => s.EntityKind));
        Assert.Equal(
            ["device farm", "credential-stuffing wave", "merchant card-testing attack", "family tablet (MFA)", "corporate NAT", "coffee kiosk"],
            scenarios.Take(6).Select(s => s.Name));
    }

    [Fact]
    public void Every_event_of_a_crowd_scenario_is_of_one_of_its_accounts_and_shares_its_entity()
    {
        var events = new WorkloadGenerator(Default).Generate().Take(20_000).ToList();
        foreach (var e in events.Where(e => e.Crowd is not null))
        {
            var s = e.Crowd!;
            Assert.Contains(e.Key, s.AccountIds);
            Assert.Equal(s.EntityId, s.EntityKind switch
            {
                CrowdEntityKind.Device => ((Login)e.Value).deviceId,
                CrowdEntityKind.IpAddress => ((Login)e.Value).ipAddress,
                _ => ((Transaction)e.Value).merchantId,
            });
        }

        // What tells each attack from its look-alike, per kind (events of all turns of the kind).
        List<Login> Logins(CrowdScenarioKind kind) => [.. events.Where(e => e.Crowd?.Kind == kind).Select(e => (Login)e.Value)];
        List<Transaction> Txns(CrowdScenarioKind kind) => [.. events.Where(e => e.Crowd?.Kind == kind).Select(e => (Transaction)e.Value)];
        Assert.Equal((32, 32, 0), (Logins(CrowdScenarioKind.DeviceFarm).Count, Logins(CrowdScenarioKind.DeviceFarm).Count(l => l.outcome == LoginOutcome.SUCCESS),
            Logins(CrowdScenarioKind.DeviceFarm).Count(l => l.mfaUsed)));
        Assert.Equal((10, 10, 10), (Logins(CrowdScenarioKind.FamilyTablet).Count, Logins(CrowdScenarioKind.FamilyTablet).Count(l => l.outcome == LoginOutcome.SUCCESS),
            Logins(CrowdScenarioKind.FamilyTablet).Count(l => l.mfaUsed)));
        Assert.Equal((60, 60), (Logins(CrowdScenarioKind.StuffingWave).Count, Logins(CrowdScenarioKind.StuffingWave).Count(l => l.outcome == LoginOutcome.FAILURE)));
        Assert.Equal((32, 2), (Logins(CrowdScenarioKind.CorporateNat).Count, Logins(CrowdScenarioKind.CorporateNat).Count(l => l.outcome == LoginOutcome.FAILURE)));
        Assert.Equal((18, 18, 9), (Txns(CrowdScenarioKind.MerchantAttack).Count, Txns(CrowdScenarioKind.MerchantAttack).Count(t => t.amountMinor <= 200),
            Txns(CrowdScenarioKind.MerchantAttack).Count(t => t.status == TransactionStatus.DECLINED)));
        Assert.Equal((25, 25, 0), (Txns(CrowdScenarioKind.CoffeeKiosk).Count, Txns(CrowdScenarioKind.CoffeeKiosk).Count(t => t.amountMinor <= 200),
            Txns(CrowdScenarioKind.CoffeeKiosk).Count(t => t.status == TransactionStatus.DECLINED)));
    }

    [Fact]
    public void The_same_options_give_the_same_crowd_ground_truth_and_another_seed_another()
    {
        static string Truth(int seed) => string.Join('\n', Scenarios(new WorkloadGenerator(Default with { Seed = seed }).Generate().Take(20_000))
            .Select(s => $"{s.Turn} {s.Kind} {s.EntityId} {string.Join(',', s.AccountIds)} {s.StartMs}"));

        Assert.Equal(Truth(42), Truth(42));
        Assert.NotEqual(Truth(42), Truth(43));
    }

    [Fact]
    public void No_crowd_scenario_when_the_interval_is_zero()
    {
        Assert.DoesNotContain(new WorkloadGenerator(Default with { CrowdScenarioInterval = TimeSpan.Zero }).Generate().Take(20_000), e => e.Crowd is not null);
    }

    private static List<CrowdScenario> Scenarios(IEnumerable<GeneratedEvent> events) =>
        [.. events.Where(e => e.Crowd is not null).Select(e => e.Crowd!).DistinctBy(s => s.Turn).OrderBy(s => s.Turn)];
}
