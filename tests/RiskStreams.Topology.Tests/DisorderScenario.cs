using System.Text.Json;
using static RiskStreams.Topology.Tests.BacktestInput;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// Seeded scenarios with dense bursts (events 1–8 s apart) for the bounded-disorder tests, and the bounded shuffle
/// itself: neighbouring events of one account less than 5 s apart swap places in the arrival order.
/// </summary>
internal static class DisorderScenario
{
    public const long MaxDisorderMs = 5 * Second;
    private static readonly (double Lat, double Lon) Shanghai = (31.2304, 121.4737);

    /// <summary>The behaviours of issue 5 (takeover, card testing, chronic overdue, sync-lag trap, traveller, one large purchase), with seeded gaps.</summary>
    public static BacktestInput Behaviours(int seed)
    {
        var rng = new Random(seed);
        var input = new BacktestInput()
            .Heartbeat("ledger-main", T0 - (10 * Minute), T0 - (9 * Minute))
            .Heartbeat("ledger-partner", T0 - (6 * Hour), T0 - (8 * Minute))
            .History("tko").History("trv").History("big");
        var t = T0;
        for (var i = 1; i <= 6; i++)
        {
            input.Login("tko", t += Gap(rng), success: false, "atk", $"tko-fail-{i}", London);
        }

        input.Login("tko", t += Gap(rng), success: true, "atk", "tko-login", London);
        for (var i = 1; i <= 4; i++)
        {
            input.Txn("tko", t += Gap(rng), 30_000, $"ldn-{i}", $"tko-buy-{i}", device: "atk", where: London);
        }

        t = T0 + (5 * Minute);
        for (var i = 1; i <= 8; i++)
        {
            input.Txn("card", t += Gap(rng), 50 + (i * 10), $"probe-{i}", $"card-{i}", device: "web");
        }

        t = T0 + (10 * Minute);
        foreach (var (dpd, i) in new[] { 35, 64, 96 }.Select((d, i) => (d, i)))
        {
            input.Bill("od", t += Gap(rng), $"od-bill-{i}", T0 - (dpd * Day), "OVERDUE", dpd, $"od-{i}");
        }

        var due = T0 - (3 * Hour);
        input.Bill("lag", T0 + (12 * Minute), "lag-bill", due, "OVERDUE", 1, "lag-overdue")
            .Bill("lag", T0 + (12 * Minute) + Gap(rng), "lag-bill-2", T0 - (2 * Hour), "OVERDUE", 1, "lag-overdue-2")
            .Heartbeat("ledger-partner", T0 - (2 * Hour), T0 + (25 * Minute))
            .Bill("lag", due - Hour, "lag-bill", due, "PAID", 0, "lag-paid", source: "ledger-partner")
            .Bill("lag", due - Hour + Gap(rng), "lag-bill-2", T0 - (2 * Hour), "PAID", 0, "lag-paid-2", source: "ledger-partner");

        t = T0 + (10 * Hour);
        input.Login("trv", t, success: true, "dev-1", "trv-login", London, mfa: true);
        for (var i = 1; i <= 4; i++)
        {
            input.Txn("trv", t += Gap(rng), 6_000, $"ldn-shop-{i}", $"trv-buy-{i}", where: London);
        }

        input.Txn("big", T0 + Hour, 250_000, "electronics", "big-buy", where: Beijing);
        t = T0 + (3 * Hour);
        for (var i = 1; i <= 3; i++)
        {
            input.Txn("big", t += Gap(rng), 5_000, $"home-{i}", $"big-after-{i}", where: Beijing);
        }

        return Ordered(input);
    }

    /// <summary>Accounts doing random things in dense bursts: sign-ins (failed or not, known or new device, with or without MFA, near or far) and purchases (small or large, declined or not).</summary>
    public static BacktestInput Noise(int seed, int accounts)
    {
        var rng = new Random(seed);
        var input = new BacktestInput().Heartbeat("ledger-main", T0, T0);
        for (var a = 0; a < accounts; a++)
        {
            var account = $"n{a}";
            input.History(account);
            var t = T0 + (a * Second);
            for (var i = 0; i < 15; i++)
            {
                t += Gap(rng);
                var where = rng.Next(10) switch { 0 => London, 1 or 2 => Shanghai, _ => Beijing };
                var device = rng.Next(6) == 0 ? $"dev-{rng.Next(2, 4)}" : "dev-1";
                var id = $"{account}-{i}";
                _ = rng.Next(3) switch
                {
                    0 => input.Login(account, t, success: rng.Next(5) != 0, device, id, where, mfa: rng.Next(2) == 0),
                    _ => input.Txn(account, t, rng.Next(8) == 0 ? rng.Next(50, 200) : rng.Next(1_000, 40_000), $"m-{rng.Next(8)}", id,
                        approved: rng.Next(8) != 0, device, where),
                };
            }
        }

        return Ordered(input);
    }

    /// <summary>
    /// A copy of <paramref name="input"/> where, per account, neighbouring events less than <see cref="MaxDisorderMs"/> apart
    /// swap arrival slots (each with probability 1/2, never twice in a row); every other line keeps its slot.
    /// </summary>
    public static BacktestInput Shuffled(BacktestInput input, int seed)
    {
        var rng = new Random(seed);
        var lines = input.Lines.ToList();
        foreach (var slots in lines.Select((l, i) => (l.Account, i)).Where(x => x.Account is not null).GroupBy(x => x.Account).Select(g => g.Select(x => x.i).ToList()))
        {
            for (var k = 0; k + 1 < slots.Count; k++)
            {
                var (a, b) = (slots[k], slots[k + 1]);
                if (Math.Abs(lines[a].At - lines[b].At) < MaxDisorderMs && rng.Next(2) == 0)
                {
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    k++;
                }
            }
        }

        var shuffled = new BacktestInput();
        shuffled.Lines.AddRange(lines);
        return shuffled;
    }

    /// <summary>Each account's level after the whole input (NORMAL when it never changed).</summary>
    public static SortedDictionary<string, string> FinalLevels(BacktestInput input, string changes)
    {
        var levels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in input.Lines.Where(l => l.Account is not null).Select(l => l.Account!))
        {
            levels[account] = "NORMAL";
        }

        foreach (var line in changes.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var c = JsonDocument.Parse(line).RootElement;
            levels[c.GetProperty("accountId").GetString()!] = c.GetProperty("level").GetString()!;
        }

        return levels;
    }

    private static long Gap(Random rng) => rng.Next(1, 9) * Second;

    /// <summary>
    /// The lines sorted by arrival (stable): event time, except that the sync-lag trap's PAID records arrive late, after
    /// the partner ledger's heartbeat. This is the ordered run the shuffles are measured against.
    /// </summary>
    private static BacktestInput Ordered(BacktestInput input)
    {
        var ordered = new BacktestInput();
        ordered.Lines.AddRange(input.Lines.OrderBy(l => l.Json.Contains("\"lag-paid", StringComparison.Ordinal) ? T0 + (30 * Minute) : l.At));
        return ordered;
    }
}
