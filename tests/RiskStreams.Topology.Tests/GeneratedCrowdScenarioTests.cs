using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Risk;
using RiskStreams.Service;
using RiskStreams.Service.Dev;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// The dev workload's scenarios across accounts through the production topology in the test driver (deterministic: one
/// partition, events in order), counted by <c>dev</c>'s own tally (<see cref="CrowdTally"/>): the attacks are caught, the
/// look-alikes are not.
/// </summary>
public sealed class GeneratedCrowdScenarioTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public void The_readme_dev_workload_flags_accounts_of_each_attack_and_none_of_the_look_alikes()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var tally = new CrowdTally();
        foreach (var e in new WorkloadGenerator(new WorkloadOptions()).Generate().Take(20_000))
        {
            tally.Published(e);
            try
            {
                GeneratedAppealsTests.Pipe(d, e.Value, e.Key, e.TimestampMs);
            }
            catch (InvalidEventException)
            {
                // The workload's contract-breaking records: the runtime dead-letters them.
            }
        }

        d.Flush();
        var notes = d.Changes.ReadRecordsToList().Select(r => tally.Observe(r.Value)).OfType<string>().ToList();

        // Each account is flagged once its entity's window as of its own event meets the default policy's thresholds:
        // a farm phone at its 5th distinct account (round one flags accounts 5-8, round two 1-4: 8 of 8 per run); a stuffing
        // address at its 20th failure on >= 10 accounts (round two's 5th to 15th account: 11 of 15 per run); an attacked
        // merchant at its 10th small payment from >= 8 cards, >= 30 % declined (the 10th to 12th card: 3 of 12; the second
        // attack is cut off after 6 cards).
        Assert.Equal(
            [
                "crowd: device farm (attack, 2 runs): 16 of 16 accounts flagged DEVICE_SHARED",
                "crowd: credential-stuffing wave (attack, 2 runs): 22 of 30 accounts flagged IP_CREDENTIAL_STUFFING",
                "crowd: merchant card-testing attack (attack, 2 runs): 3 of 18 accounts flagged MERCHANT_CARD_TESTING (#8 cut off by the end of the input after 6 of its 12 events)",
                "crowd: family tablet (MFA) (look-alike, 1 run): 0 of 5 accounts flagged DEVICE_SHARED",
                "crowd: corporate NAT (look-alike, 1 run): 0 of 30 accounts flagged IP_CREDENTIAL_STUFFING",
                "crowd: coffee kiosk (look-alike, 1 run): 0 of 25 accounts flagged MERCHANT_CARD_TESTING",
                "crowd: accounts flagged outside these scenarios: DEVICE_SHARED 0, IP_CREDENTIAL_STUFFING 0, MERCHANT_CARD_TESTING 0",
            ],
            tally.Summary());
        // The notes dev prints on changes: one per change carrying the reason, so more than the accounts where an account's
        // level changes again while the signal still counts.
        Assert.Equal(
            ["credential-stuffing wave #1 11", "credential-stuffing wave #7 12", "device farm #0 12", "device farm #6 8", "merchant card-testing attack #2 4"],
            notes.GroupBy(n => n).Select(g => $"{g.Key} {g.Count()}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Tally_counts_a_reason_for_a_scenario_only_on_its_accounts_and_its_entity_and_the_printed_reason_shows_the_entity_tag()
    {
        var farm = new CrowdScenario(0, CrowdScenarioKind.DeviceFarm, "farm-phone-0000", ["a-1", "a-2"], 0, 2);
        var kiosk = new CrowdScenario(1, CrowdScenarioKind.CoffeeKiosk, "m-coffee-kiosk-0001", ["a-3"], 0, 1);
        var tally = new CrowdTally();
        tally.Published(new DevStack.GeneratedEvent("account.logins", "a-1", new Login(), 1) { Crowd = farm });
        tally.Published(new DevStack.GeneratedEvent("account.logins", "a-2", new Login(), 2) { Crowd = farm });
        tally.Published(new DevStack.GeneratedEvent("credit.transactions", "a-3", new Transaction(), 3) { Crowd = kiosk });
        var farmTag = EntityTags.Of("device", "farm-phone-0000");
        Assert.Equal(farmTag, CrowdTally.TagOf(farm));

        var shared = Change("a-1", (ReasonCodes.DeviceShared, farmTag), (ReasonCodes.NewDevice, null));
        Assert.EndsWith($" | DEVICE_SHARED ({farmTag}): m; NEW_DEVICE: m", ChangePrinter.Format(shared), StringComparison.Ordinal);
        Assert.Equal("device farm #0", tally.Observe(shared));
        Assert.Equal("device farm #0", tally.Observe(Change("a-1", (ReasonCodes.DeviceShared, farmTag))));
        Assert.Null(tally.Observe(Change("a-2", (ReasonCodes.NewDevice, null))));
        Assert.Null(tally.Observe(Change("a-9", (ReasonCodes.DeviceShared, farmTag))));
        Assert.Null(tally.Observe(Change("a-3", (ReasonCodes.MerchantCardTesting, EntityTags.Of("merchant", "elsewhere")))));

        Assert.Equal(
            [
                "crowd: device farm (attack, 1 run): 1 of 2 accounts flagged DEVICE_SHARED",
                "crowd: credential-stuffing wave (attack, 0 runs): 0 of 0 accounts flagged IP_CREDENTIAL_STUFFING",
                "crowd: merchant card-testing attack (attack, 0 runs): 0 of 0 accounts flagged MERCHANT_CARD_TESTING",
                "crowd: family tablet (MFA) (look-alike, 0 runs): 0 of 0 accounts flagged DEVICE_SHARED",
                "crowd: corporate NAT (look-alike, 0 runs): 0 of 0 accounts flagged IP_CREDENTIAL_STUFFING",
                "crowd: coffee kiosk (look-alike, 1 run): 0 of 1 accounts flagged MERCHANT_CARD_TESTING",
                "crowd: accounts flagged outside these scenarios: DEVICE_SHARED 1, IP_CREDENTIAL_STUFFING 0, MERCHANT_CARD_TESTING 1",
            ],
            tally.Summary());
    }

    private static RiskLevelChanged Change(string account, params (string Code, string? Entity)[] reasons) => new()
    {
        accountId = account,
        reasons = [.. reasons.Select(r => new Avro.Contracts.RiskReason
        {
            code = r.Code, message = "m", evidence = r.Entity is { } tag ? new Dictionary<string, string> { ["entity"] = tag } : [],
        })],
        actions = [],
    };
}
