using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.DevStack;
using RiskStreams.Service;
using RiskStreams.Service.Dev;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// <c>riskstreams dev</c> shows the generator's scenarios across accounts: the summary counts, per kind, the accounts that got
/// the matching cross-account reason, and agrees with the changes it printed; each attack is caught, no look-alike is.
/// </summary>
public sealed partial class DevCrowdScenarioTests
{
    [Fact]
    public async Task Dev_summary_counts_the_crowd_scenarios_flagged_accounts_as_printed_catches_each_attack_and_flags_no_look_alike()
    {
        // The README's 20,000 events (1000 accounts, seed 42) at 200 events/s, about 2 min of event time a second: at the
        // default 2000/s the entity tasks' inputs run further apart in event time and some attacks' accounts are missed
        // (README, "Cross-account scenarios in dev").
        var output = new SynchronizedWriter();
        Assert.Equal(0, await new DevRunner(new DevOptions { Events = 20_000, Rate = 200, MetricsPort = 0 }, output, NullLoggerFactory.Instance)
            .RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(6)));
        var lines = output.Lines();
        var truth = new WorkloadGenerator(new WorkloadOptions()).Generate().Take(20_000).Where(e => e.Crowd is not null).Select(e => e.Crowd!)
            .DistinctBy(s => s.Turn).ToDictionary(s => $"{s.Name} #{s.Turn}", StringComparer.Ordinal);

        // Printed changes noted with their scenario: the note names a scenario the account takes part in, the reason names the
        // scenario's entity by its tag, and the line names no account but its own.
        var noted = new List<(string Scenario, string Account)>();
        foreach (var line in lines.Where(l => l.Contains(" -> ", StringComparison.Ordinal) && l.EndsWith(']')))
        {
            var account = line.Split(' ')[2];
            Assert.Single(AccountIds().Matches(line));
            foreach (var name in line[(line.LastIndexOf(" [", StringComparison.Ordinal) + 2)..^1].Split(", "))
            {
                var scenario = truth[name];
                Assert.Contains(account, scenario.AccountIds);
                Assert.Contains($"{CrowdTally.ReasonOf(scenario.Kind)} ({CrowdTally.TagOf(scenario)}): ", line, StringComparison.Ordinal);
                noted.Add((name, account));
            }
        }

        int Flagged(CrowdScenarioKind kind) => noted.Distinct().Count(n => truth[n.Scenario].Kind == kind);
        Assert.Equal(
            [
                $"crowd: device farm (attack, 2 runs): {Flagged(CrowdScenarioKind.DeviceFarm)} of 16 accounts flagged DEVICE_SHARED",
                $"crowd: credential-stuffing wave (attack, 2 runs): {Flagged(CrowdScenarioKind.StuffingWave)} of 30 accounts flagged IP_CREDENTIAL_STUFFING",
                $"crowd: merchant card-testing attack (attack, 2 runs): {Flagged(CrowdScenarioKind.MerchantAttack)} of 18 accounts flagged MERCHANT_CARD_TESTING (#8 cut off by the end of the input after 6 of its 12 events)",
                "crowd: family tablet (MFA) (look-alike, 1 run): 0 of 5 accounts flagged DEVICE_SHARED",
                "crowd: corporate NAT (look-alike, 1 run): 0 of 30 accounts flagged IP_CREDENTIAL_STUFFING",
                "crowd: coffee kiosk (look-alike, 1 run): 0 of 25 accounts flagged MERCHANT_CARD_TESTING",
                "crowd: accounts flagged outside these scenarios: DEVICE_SHARED 0, IP_CREDENTIAL_STUFFING 0, MERCHANT_CARD_TESTING 0",
            ],
            lines.Where(l => l.StartsWith("crowd: ", StringComparison.Ordinal)));
        Assert.StartsWith("dev: 20000 events published and processed, ", lines[^1], StringComparison.Ordinal);

        // Each attack is caught on some of its accounts. How many is printed, not asserted: live, an entity's window as of an
        // event can still miss events of other partitions; the exact counts are asserted through the test driver
        // (GeneratedCrowdScenarioTests: 16, 22 and 3).
        Console.WriteLine(string.Join('\n', lines.Where(l => l.StartsWith("crowd: ", StringComparison.Ordinal))));
        Assert.All([CrowdScenarioKind.DeviceFarm, CrowdScenarioKind.StuffingWave, CrowdScenarioKind.MerchantAttack], kind => Assert.True(Flagged(kind) > 0, $"no {kind} account flagged"));
    }

    [GeneratedRegex("acct-[0-9]+")]
    private static partial Regex AccountIds();
}
