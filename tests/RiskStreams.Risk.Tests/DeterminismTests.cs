using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>
/// Property-style: for many seeded random event streams (mixed accounts' worth of logins, transactions,
/// bills and heartbeats, in bounded disorder), the same events in the same order give identical changes,
/// whether state stays live or goes through the codec between every event, and versions count 1, 2, 3, ...
/// </summary>
public sealed class DeterminismTests
{
    private static readonly GeoPoint[] Places = [Beijing, Shanghai, London, new(40.7128, -74.0060)];

    [Fact]
    public void Same_events_give_identical_changes_for_100_seeded_random_streams()
    {
        var changed = 0;
        for (var seed = 1; seed <= 100; seed++)
        {
            var events = Generate(new Random(seed), 150);
            var first = Run(events, throughCodec: false);
            var second = Run(events, throughCodec: false);
            var stored = Run(events, throughCodec: true);
            Assert.Equal(first, second);
            Assert.Equal(first, stored);
            changed += first.Count;
        }

        Assert.True(changed > 100, $"the generator should provoke changes, got {changed}");
    }

    [Fact]
    public void Customer_messages_carry_no_codes_identifiers_or_internal_terms()
    {
        var codes = typeof(ReasonCodes).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        string[] jargon = ["Minor", "threshold", "score", "policy", "window", "baseline", "evidence", "dev-", "m-", "b-", "src-", "XX"];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var seed = 1; seed <= 60; seed++)
        {
            var decider = new AccountRiskDecider(RiskPolicy.Default);
            var state = new AccountRiskState();
            var coverage = new SyncCoverageTable();
            foreach (var (e, source, syncedThrough) in Generate(new Random(seed), 150))
            {
                if (source is not null)
                {
                    coverage.Update(source, syncedThrough);
                }

                foreach (var reason in decider.Apply(state, e, coverage)?.Reasons ?? [])
                {
                    seen.Add(reason.Code);
                    Assert.DoesNotContain(codes, c => reason.Message.Contains(c, StringComparison.Ordinal));
                    Assert.DoesNotContain(jargon, j => reason.Message.Contains(j, StringComparison.OrdinalIgnoreCase));
                    Assert.EndsWith(".", reason.Message, StringComparison.Ordinal);
                    Assert.NotEmpty(reason.Evidence);
                }
            }
        }

        Assert.True(seen.Count >= 8, $"only {string.Join(", ", seen.Order(StringComparer.Ordinal))} were exercised");
    }

    private static List<string> Run(IReadOnlyList<(AccountEvent Event, string? Source, long SyncedThrough)> events, bool throughCodec)
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var coverage = new SyncCoverageTable();
        var state = new AccountRiskState();
        var result = new List<string>();
        foreach (var (e, source, syncedThrough) in events)
        {
            if (source is not null)
            {
                coverage.Update(source, syncedThrough);
            }

            if (throughCodec)
            {
                state = AccountRiskStateCodec.Decode(AccountRiskStateCodec.Encode(state));
            }

            if (decider.Apply(state, e, coverage) is { } c)
            {
                Assert.Equal(result.Count + 1, c.Version);
                result.Add($"{Describe(c)}|{c.Score}|{string.Join(";", c.Reasons.SelectMany(r => r.Evidence).Select(kv => $"{kv.Key}={kv.Value}"))}|{c.EventTimeMs}");
            }
        }

        return result;
    }

    private static List<(AccountEvent, string?, long)> Generate(Random r, int count)
    {
        var list = new List<(AccountEvent, string?, long)>();
        var now = T0;
        for (var i = 0; i < count; i++)
        {
            now += r.Next(0, 4) == 0 ? r.Next(1, 6) * Hour : r.Next(1, 120) * Second;
            var at = now - r.Next(0, 5) * Minute; // bounded disorder
            var id = $"e{i}";
            var where = Places[r.Next(Places.Length)];
            AccountEvent e = r.Next(10) switch
            {
                < 3 => new LoginEvent(id, "a", at, r.Next(3) > 0, $"dev-{r.Next(4)}", r.Next(2) == 0, "XX", where),
                < 8 => new TransactionEvent(id, "a", at, r.Next(4) == 0 ? r.Next(50, 200) : r.Next(1_000, 90_000), $"m-{r.Next(12)}",
                    r.Next(5) > 0, r.Next(8) == 0, r.Next(30) == 0, $"dev-{r.Next(4)}", "XX", where, "CNY"),
                < 9 => new RepaymentEvent(id, "a", at, $"src-{r.Next(2)}", $"b-{r.Next(4)}", at - (r.Next(0, 120) * Day),
                    (BillState)r.Next(4), r.Next(0, 120), 10_000, r.Next(0, 10_000), r.Next(0, 100_000), 100_000),
                _ => new SyncCheckEvent(id, "a", at),
            };
            list.Add(e is SyncCheckEvent ? (e, $"src-{r.Next(2)}", at - (r.Next(0, 48) * Hour)) : (e, null, 0));
        }

        return list;
    }
}
