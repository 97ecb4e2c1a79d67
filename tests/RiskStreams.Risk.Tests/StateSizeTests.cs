using System.Diagnostics;
using Xunit.Abstractions;
using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>One account's encoded state stays small for typical use and bounded under adversarial input.</summary>
public sealed class StateSizeTests(ITestOutputHelper output)
{
    [Fact]
    public void A_typical_account_encodes_in_under_2_KiB()
    {
        var a = new Account();
        a.Coverage.Update("ledger", T0);
        for (var d = 30; d >= 1; d--)
        {
            var day = T0 - (d * Day);
            a.Login(day + (8 * Hour), success: true, "dev-1", Beijing);
            a.Txn(day + (12 * Hour), 4_500, $"m-{d % 9}", Beijing);
            a.Txn(day + (19 * Hour), 12_000, $"m-{d % 5}", Beijing);
            a.Txn(day + (20 * Hour), 800, $"m-{d % 4}", Beijing);
        }

        a.Bill(T0 - Day, "bill-2026-01", T0 + (10 * Day), BillState.Scheduled, 0, outstanding: 120_000, limit: 2_000_000);
        var size = AccountRiskStateCodec.Encode(a.State).Length;
        output.WriteLine($"typical account (30 days, 120 events): {size} bytes");
        Assert.InRange(size, 1, 2_048);
    }

    [Fact]
    public void Adversarial_input_keeps_one_accounts_state_well_under_1_MB()
    {
        var policy = RiskPolicyLoader.Load(RiskPolicy.DefaultYaml.Replace("maxKnownDevices: 8 ", "maxKnownDevices: 64 ", StringComparison.Ordinal), "p.yaml");
        var decider = new AccountRiskDecider(policy);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        var id = 0;
        string Long(string prefix, int n) => (prefix + n).PadRight(200, 'x');
        var t = T0;
        for (var i = 0; i < 40_000; i++)
        {
            t += 2_000;
            AccountEvent e = (i % 10) switch
            {
                0 => new LoginEvent(Long("e", ++id), "a", t, i % 20 == 0, Long("dev", i), false, "CN", new GeoPoint(i % 90, i % 180)),
                1 => new RepaymentEvent(Long("e", ++id), "a", t, "ledger", Long("bill", i), t - (40 * Day), BillState.Overdue, 40, 10_000, 0, 1, 2),
                _ => new TransactionEvent(Long("e", ++id), "a", t, 1_000_000_000_000, Long("m", i), i % 3 > 0, i % 4 == 0, false, Long("dev", i), "CN", null,
                    new string((char)('A' + (i % 20)), 3)),
            };
            Assert.Null(AccountEventValidator.Validate(e, EventLimits.Default));
            decider.Apply(state, e, coverage);
        }

        var size = AccountRiskStateCodec.Encode(state).Length;
        output.WriteLine($"adversarial account (40,000 events, 200-char ids, 20 currencies, 4,000 bills, 64 devices): {size} bytes");
        Assert.InRange(size, 1, 256 * 1024);
        Assert.Equal(64, state.Bills.Count);
        Assert.Equal(8, state.Currencies.Count);
    }

    [Fact]
    public void Heavy_account_per_event_cost_with_state_decoded_and_encoded_each_time_is_printed()
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var coverage = new SyncCoverageTable();
        var bytes = AccountRiskStateCodec.Encode(new AccountRiskState());
        var events = new List<AccountEvent>();
        var t = T0 - Day;
        for (var i = 0; i < 30_000; i++)
        {
            t += 5_000; // 17,280 transactions a day
            events.Add(new TransactionEvent($"e{i}", "heavy", t, 1_000 + (i % 5_000), $"m-{i % 300}", i % 20 != 0, i % 50 == 0, false, "dev-1", "CN", Beijing, "CNY"));
        }

        // Warm up on the first third, then time the rest: wall clock and this process's CPU time (the machine may be busy).
        var warmup = 10_000;
        for (var i = 0; i < warmup; i++)
        {
            var state = AccountRiskStateCodec.Decode(bytes);
            decider.Apply(state, events[i], coverage);
            bytes = AccountRiskStateCodec.Encode(state);
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        TimeSpan decode = default, apply = default, encode = default;
        for (var i = warmup; i < events.Count; i++)
        {
            var t0 = clock.Elapsed;
            var state = AccountRiskStateCodec.Decode(bytes);
            var t1 = clock.Elapsed;
            decider.Apply(state, events[i], coverage);
            var t2 = clock.Elapsed;
            bytes = AccountRiskStateCodec.Encode(state);
            (decode, apply, encode) = (decode + (t1 - t0), apply + (t2 - t1), encode + (clock.Elapsed - t2));
        }

        var n = events.Count - warmup;
        var cpuPerEvent = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / n;
        output.WriteLine(
            $"heavy account (17,280 transactions/day), per event: {clock.Elapsed.TotalMicroseconds / n:0.0} µs wall ({cpuPerEvent:0.0} µs process CPU) = "
            + $"decode {decode.TotalMicroseconds / n:0.0} + apply {apply.TotalMicroseconds / n:0.0} + encode {encode.TotalMicroseconds / n:0.0}; state {bytes.Length} bytes");
        Assert.Equal(4, bytes[0]);
    }
}
