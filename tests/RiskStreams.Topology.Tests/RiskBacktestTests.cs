using System.Text.Json;
using RiskStreams.Avro.Contracts;
using static RiskStreams.Topology.Tests.BacktestInput;

namespace RiskStreams.Topology.Tests;

public sealed class RiskBacktestTests
{
    [Fact]
    public void Small_input_gives_exactly_the_expected_changes_and_summary()
    {
        var input = new BacktestInput().Heartbeat("ledger-main", T0, T0);
        for (var i = 1; i <= 5; i++)
        {
            input.Txn("card-1", T0 + (i * 30 * Second), 99, $"probe-merchant-{i}", $"probe-{i}");
        }

        for (var i = 1; i <= 5; i++)
        {
            input.Login("lf-1", T0 + Minute + (i * 20 * Second), success: false, "dev-9", $"fail-{i}");
        }

        input.Bill("od-1", T0 + (5 * Minute), "b-1", T0 - (40 * Day), "OVERDUE", 40, "od-overdue")
            .Bill("od-1", T0 + (6 * Minute), "b-1", T0 - (40 * Day), "PAID", 0, "od-paid");

        var (summary, changes) = input.Run();

        Assert.Equal(
        [
            "card-1|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|probe-5",
            "lf-1|1|NORMAL|WATCH|LOGIN_FAILURES|fail-5",
            "od-1|1|NORMAL|RESTRICTED|REPAYMENT_OVERDUE|od-overdue",
            "od-1|2|RESTRICTED|NORMAL|REPAYMENT_RECEIVED|od-paid",
        ], Describe(changes));
        Assert.Equal(
            """{"accountId":"od-1","version":2,"changeId":"od-1:2","previousLevel":"RESTRICTED","level":"NORMAL","score":0,"reasons":[{"code":"REPAYMENT_RECEIVED","message":"We received your repayment for the overdue bill.","evidence":{"billId":"b-1","amountPaidMinor":"10000"}}],"actions":["NOTIFY_CUSTOMER","RESTORE_CREDIT"],"appealable":false,"policyVersion":"default-2026.01","triggeringEventId":"od-paid","triggeringStream":"repayments","eventTime":1767600360000,"decidedAt":1767600360000}""",
            changes.Split('\n')[3]);
        Assert.Equal((13L, 13L, 0L, 4L), (summary.EventsRead, summary.EventsAccepted, summary.DroppedRecords, summary.Changes));
        Assert.Equal([1L, 1L, 2L, 0L], [summary.ChangesByLevel[RiskLevel.NORMAL], summary.ChangesByLevel[RiskLevel.WATCH],
            summary.ChangesByLevel[RiskLevel.RESTRICTED], summary.ChangesByLevel[RiskLevel.SUSPENDED]]);
        Assert.Empty(summary.Rejected);
    }

    [Fact]
    public void Input_lines_written_from_contract_records_are_read_back_by_the_backtest_and_decided()
    {
        var logins = Enumerable.Range(1, 5).Select(i => new Login
        {
            eventId = $"fail-{i}", accountId = "lf-2", occurredAt = DateTime.UnixEpoch.AddMilliseconds(T0 + (i * 20 * Second)),
            outcome = LoginOutcome.FAILURE, deviceId = "dev-9", mfaUsed = false, ipAddress = "203.0.113.9",
        }).ToList();
        Assert.StartsWith("""{"stream":"logins","event":{"eventId":"fail-1","accountId":"lf-2",""", RiskBacktest.InputLine(logins[0]), StringComparison.Ordinal);

        using var changes = new StringWriter();
        var summary = RiskBacktest.Run(new StringReader(string.Join('\n', logins.Select(RiskBacktest.InputLine))), changes, Risk.RiskPolicy.Default);

        Assert.Equal((5L, 5L), (summary.EventsRead, summary.EventsAccepted));
        Assert.Empty(summary.Rejected);
        Assert.Equal(["lf-2|1|NORMAL|WATCH|LOGIN_FAILURES|fail-5"], Describe(changes.ToString()));
        Assert.Throws<ArgumentException>(() => RiskBacktest.InputLine(new RiskLevelChanged()));
    }

    [Fact]
    public void Rejected_lines_are_reported_with_line_numbers_and_reasons_and_the_lines_after_them_are_processed()
    {
        var input = new BacktestInput()
            .Txn("card-2", T0, 99, "m-1", "probe-1")
            .Raw("""{"stream": "transactions", "event": {"eventId": "x" """)
            .Txn("card-2", T0 + (30 * Second), 99, "m-2", "probe-2")
            .Raw("""{"stream": "clicks", "event": {"eventId": "c-1"}}""")
            .Raw("""{"stream": "logins", "event": {"eventId": "l-1", "occurredAt": 1767600000000, "outcome": "SUCCESS", "deviceId": "d", "channel": "APP", "mfaUsed": false}}""")
            .Txn("card-2", T0 + (60 * Second), 99, "m-3", "probe-3")
            .Raw("""{"stream": "transactions", "event": {"eventId": "t-ok", "accountId": "card-2", "occurredAt": 1767600070000, "amountMinor": 99, "currency": "CNY", "merchantId": "m-x", "merchantCategory": "5999", "channel": "ONLINE", "kind": "PURCHASE", "status": "OK"}}""")
            .Raw("""{"stream": "transactions", "event": {"eventId": "neg-1", "accountId": "card-2", "occurredAt": 1767600080000, "amountMinor": -500, "currency": "CNY", "merchantId": "m-y", "merchantCategory": "5999", "channel": "POS", "kind": "REFUND", "status": "APPROVED"}}""")
            .Txn("card-2", T0 + (90 * Second), 99, "m-4", "probe-4")
            .Raw("")
            .Raw("not json")
            .Txn("card-2", T0 + (120 * Second), 99, "m-5", "probe-5");

        var (summary, changes) = input.Run();

        Assert.Equal(
        [
            new BacktestRejection(2, "invalid JSON at byte 53: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed."),
            new BacktestRejection(4, "unknown stream \"clicks\" (expected transactions, logins, repayments, sync-status or reviews)"),
            new BacktestRejection(5, "logins event: missing required field 'accountId'"),
            new BacktestRejection(7, "transactions event: field 'status' must be one of APPROVED, DECLINED, was \"OK\""),
            new BacktestRejection(8, "rejected by the topology: Transaction neg-1: amountMinor must not be negative, was -500."),
            new BacktestRejection(11, "invalid JSON at byte 2: 'not json' is an invalid JSON literal. Expected the literal 'null'."),
        ], summary.Rejected);
        Assert.Equal((11L, 5L), (summary.EventsRead, summary.EventsAccepted));
        Assert.Equal(["card-2|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|probe-5"], Describe(changes));
    }

    [Theory]
    [InlineData("""[1, 2]""", "expected an object {\"stream\": ..., \"event\": {...}}, was an array")]
    [InlineData("""{"stream": "sync-status"}""", "missing \"event\" (an object with the fields of the sync-status schema)")]
    [InlineData("""{"stream": 7, "event": {}}""", "unknown stream 7 (expected transactions, logins, repayments, sync-status or reviews)")]
    [InlineData("""{"stream": "sync-status", "event": {}, "partition": 3}""", "unknown property 'partition' (a line has only \"stream\" and \"event\")")]
    [InlineData("""{"stream": "sync-status", "event": {"sourceSystem": "l", "syncedThrough": "2026-01-05T08:00:00Z", "reportedAt": 1}}""",
        "sync-status event: field 'syncedThrough' must be a timestamp in epoch milliseconds (an integer), was \"2026-01-05T08:00:00Z\"")]
    [InlineData("""{"stream": "sync-status", "event": {"sourceSystem": null, "syncedThrough": 1, "reportedAt": 1}}""",
        "sync-status event: field 'sourceSystem' must be a string, was null")]
    [InlineData("""{"stream": "sync-status", "event": {"sourceSystem": "l", "syncedThrough": 1, "reportedAt": 1, "lag": 5}}""",
        "sync-status event: unknown field 'lag' (a SyncStatus has sourceSystem, syncedThrough, reportedAt)")]
    [InlineData("""{"stream": "logins", "event": {"eventId": "l", "accountId": "a", "occurredAt": 1, "outcome": "SUCCESS", "deviceId": "d", "channel": "APP", "mfaUsed": "yes"}}""",
        "logins event: field 'mfaUsed' must be true or false, was \"yes\"")]
    [InlineData("""{"stream": "logins", "event": {"eventId": "l", "accountId": "a", "occurredAt": 1, "outcome": "SUCCESS", "deviceId": "d", "channel": "APP", "mfaUsed": true, "latitude": "north"}}""",
        "logins event: field 'latitude' must be a number, was \"north\"")]
    [InlineData("""{"stream": "repayments", "event": {"eventId": "r", "accountId": "a", "occurredAt": 1, "syncedAt": 1, "sourceSystem": "l", "billId": "b", "dueDate": 1, "amountDueMinor": 1, "amountPaidMinor": 0, "currency": "CNY", "status": "OVERDUE", "daysPastDue": 1.5}}""",
        "repayments event: field 'daysPastDue' must be an integer (32-bit), was 1.5")]
    [InlineData("""{"stream": "sync-status", "event": {"sourceSystem": "l", "syncedThrough": 1, "reportedAt": 1, "reportedAt": 2}}""",
        "invalid JSON: Duplicate property 'reportedAt' encountered during deserialization.")]
    public void A_malformed_line_is_rejected_naming_what_is_wrong(string line, string reason)
    {
        var (summary, changes) = new BacktestInput().Raw(line).Heartbeat("ledger-main", T0, T0).Run();

        Assert.Equal([new BacktestRejection(1, reason)], summary.Rejected);
        Assert.Equal((2L, 1L), (summary.EventsRead, summary.EventsAccepted));
        Assert.Empty(changes);
    }

    [Fact]
    public void Optional_fields_may_be_omitted_or_null()
    {
        var (summary, _) = new BacktestInput()
            .Raw("""{"stream": "transactions", "event": {"eventId": "t-1", "accountId": "a", "occurredAt": 1767600000000, "amountMinor": 5, "currency": "CNY", "merchantId": "m", "merchantCategory": "5999", "channel": "ATM", "kind": "CASH_ADVANCE", "status": "DECLINED", "deviceId": null, "latitude": null}}""")
            .Raw("""{"stream": "repayments", "event": {"eventId": "r-1", "accountId": "a", "occurredAt": 1767600000000, "syncedAt": 1767600000000, "sourceSystem": "l", "billId": "b", "dueDate": 1767600000000, "amountDueMinor": 1, "amountPaidMinor": 0, "currency": "CNY", "status": "SCHEDULED", "daysPastDue": 0, "outstandingMinor": 5000, "creditLimitMinor": null}}""")
            .Run();

        Assert.Empty(summary.Rejected);
        Assert.Equal(2L, summary.EventsAccepted);
    }

    [Fact]
    public void The_same_input_twice_gives_byte_identical_output()
    {
        var input = File.ReadAllText(SamplePath);

        using var first = new StringWriter();
        using var second = new StringWriter();
        RiskBacktest.Run(new StringReader(input), first, Risk.RiskPolicy.Default);
        RiskBacktest.Run(new StringReader(input), second, Risk.RiskPolicy.Default);

        Assert.Equal(9, first.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(first.ToString(), second.ToString());
    }

    [Fact]
    public void Decided_at_is_the_highest_event_time_fed_so_far_so_a_late_record_is_decided_when_it_arrives()
    {
        var due = T0 - (3 * Hour);
        var (_, changes) = new BacktestInput()
            .Heartbeat("ledger-main", T0 - (2 * Minute), T0 - Minute)
            .Bill("lag-1", T0, "b-1", due, "OVERDUE", 1, "overdue")
            .Txn("other", T0 + (10 * Minute), 5_000, "m", "t-1")
            .Bill("lag-1", due - Hour, "b-1", due, "PAID", 0, "paid-late")
            .Run();

        var restored = JsonDocument.Parse(changes.Split('\n')[1]).RootElement;
        Assert.Equal("paid-late", restored.GetProperty("triggeringEventId").GetString());
        Assert.Equal(due - Hour, restored.GetProperty("eventTime").GetInt64());
        Assert.Equal(T0 + (10 * Minute), restored.GetProperty("decidedAt").GetInt64());
    }

    [Fact]
    public void Events_still_held_for_reordering_when_the_input_ends_are_decided_and_the_buffer_is_left_empty()
    {
        var input = new BacktestInput().Heartbeat("ledger-main", T0, T0);
        for (var i = 1; i <= 5; i++)
        {
            input.Txn("card-1", T0 + (i * 30 * Second), 99, $"probe-merchant-{i}", $"probe-{i}");
        }

        var (changes, bufferedAtEnd) = input.RunWithGrace(new RiskTopologyOptions().ReorderGrace);

        Assert.Equal(["card-1|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|probe-5"], Describe(changes));
        Assert.Equal(0, bufferedAtEnd);
        Assert.Equal(changes, input.Run().Changes);
        var change = JsonDocument.Parse(changes).RootElement;
        Assert.Equal(T0 + (150 * Second), change.GetProperty("decidedAt").GetInt64()); // the highest timestamp fed
    }

    [Fact]
    public void A_heartbeat_reported_later_releases_nothing_only_stream_time_does()
    {
        var due = T0 - (3 * Hour);
        BacktestInput Input(bool heartbeatBetween, bool otherAccountBetween)
        {
            var input = new BacktestInput().Heartbeat("ledger-main", T0 - (2 * Minute), T0 - Minute)
                .Bill("lag-1", T0, "b-1", due, "OVERDUE", 1, "overdue");
            if (heartbeatBetween)
            {
                input.Heartbeat("ledger-partner", T0 - (4 * Hour), T0 + (10 * Minute));
            }

            if (otherAccountBetween)
            {
                input.Txn("other", T0 + (10 * Minute), 5_000, "m", "other-1");
            }

            return input.Bill("lag-1", due - Hour, "b-1", due, "PAID", 0, "paid-late");
        }

        // Whatever the heartbeats, the overdue record is still held when the payment (earlier in event time) arrives: it settles the bill first.
        Assert.Empty(Input(heartbeatBetween: true, otherAccountBetween: false).Run().Changes);
        Assert.Empty(Input(heartbeatBetween: false, otherAccountBetween: false).Run().Changes);

        // An event of another account on the partition moves stream time past the grace: the overdue record is decided, then the payment restores.
        var (_, changes) = Input(heartbeatBetween: false, otherAccountBetween: true).Run();
        Assert.Equal(["lag-1|1|NORMAL|WATCH|REPAYMENT_SYNC_PENDING|overdue", "lag-1|2|WATCH|NORMAL|REPAYMENT_RECEIVED|paid-late"], Describe(changes));
        Assert.Equal(T0 + (10 * Minute), JsonDocument.Parse(changes.Split('\n')[0]).RootElement.GetProperty("decidedAt").GetInt64());
    }

    [Fact]
    public void A_wild_device_clock_is_refused_even_on_the_first_line_and_a_real_gap_in_the_input_is_followed()
    {
        const long Year2099 = 4_070_908_800_000;
        var input = new BacktestInput().Login("card-1", Year2099, success: true, "dev-1", "clock-2099");
        for (var i = 0; i < 5; i++)
        {
            input.Txn("card-1", T0 + (i * 30 * Second), 99, $"probe-m-{i}", $"probe-{i}");
        }

        // Thirteen hours later the traffic resumes: a gap, not a wild clock, so it is decided (and the restriction steps down).
        input.Login("other", T0 + (13 * Hour), success: true, "dev-o", "other-1").Login("other", T0 + (13 * Hour) + Second, success: true, "dev-o", "other-2");

        var (summary, changes) = input.Run();

        Assert.Equal([1L], summary.Rejected.Select(r => r.LineNumber));
        Assert.StartsWith("rejected by the topology: logins event clock-2099: occurredAt 2099-01-01T00:00:00.000Z is more than the maximum clock skew (00:05:00) ahead of the processing clock (2026-01-05T08:02:00.000Z)",
            summary.Rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal(["card-1|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|probe-4", "card-1|2|RESTRICTED|NORMAL|RISK_CLEARED|step-down@1767643320000"], Describe(changes));
    }

    [Fact]
    public void The_sample_input_shows_each_documented_behaviour()
    {
        using var output = new StringWriter();
        var summary = RiskBacktest.Run(File.OpenText(SamplePath), output, Risk.RiskPolicy.Default);

        Assert.Equal(
        [
            "acct-takeover|1|NORMAL|WATCH|LOGIN_FAILURES|tko-fail-5",
            "acct-takeover|2|WATCH|RESTRICTED|LOGIN_FAILURES,NEW_DEVICE,IMPOSSIBLE_TRAVEL|tko-login",
            "acct-takeover|3|RESTRICTED|SUSPENDED|LOGIN_FAILURES,NEW_DEVICE,IMPOSSIBLE_TRAVEL,SPEND_SPIKE|tko-buy-4",
            "acct-cardtest|1|NORMAL|RESTRICTED|SMALL_TXN_PROBING|card-probe-5",
            "acct-overdue|1|NORMAL|RESTRICTED|REPAYMENT_OVERDUE|od-b1",
            "acct-overdue|2|RESTRICTED|SUSPENDED|REPAYMENT_OVERDUE|od-b3",
            "acct-synclag|1|NORMAL|WATCH|REPAYMENT_SYNC_PENDING|lag-overdue",
            "acct-synclag|2|WATCH|NORMAL|REPAYMENT_RECEIVED|lag-paid",
            "acct-cardtest|2|RESTRICTED|NORMAL|RISK_CLEARED|step-down@1767643650000",
        ], Describe(output.ToString()));
        Assert.Equal([32L, 36L, 38L, 39L, 46L], summary.Rejected.Select(r => r.LineNumber));
        Assert.StartsWith("rejected by the topology: logins event takeover-clock-2099: occurredAt 2099-01-01T00:00:00.000Z is more than the maximum clock skew",
            summary.Rejected[^1].Reason, StringComparison.Ordinal);
        Assert.Equal((52L, 47L, 0L), (summary.EventsRead, summary.EventsAccepted, summary.DroppedRecords));
    }

    [Fact]
    public void Summary_text_lists_counts_then_each_rejected_line()
    {
        var (summary, _) = new BacktestInput().Raw("{}").Txn("a", T0, 5_000, "m", "t-1").Run();
        using var text = new StringWriter();

        summary.WriteTo(text);

        Assert.Equal(
            "backtest: policy default-2026.01 (default-policy.yaml): 2 events read, 1 accepted, 1 rejected, 0 dropped by the engine\n"
            + "backtest: 0 level changes (NORMAL 0, WATCH 0, RESTRICTED 0, SUSPENDED 0)\n"
            + "backtest: rejected line 1: missing \"stream\" (transactions, logins, repayments, sync-status or reviews)\n",
            text.ToString());
    }

    internal static string SamplePath => Path.Combine(AppContext.BaseDirectory, "Backtest", "sample-events.jsonl");

    /// <summary>Each output line as accountId|version|previousLevel|level|reason codes|triggeringEventId.</summary>
    internal static List<string> Describe(string changes) =>
    [
        .. changes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var c = JsonDocument.Parse(line).RootElement;
            var codes = string.Join(",", c.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()));
            return $"{c.GetProperty("accountId").GetString()}|{c.GetProperty("version").GetInt64()}|{c.GetProperty("previousLevel").GetString()}|"
                + $"{c.GetProperty("level").GetString()}|{codes}|{c.GetProperty("triggeringEventId").GetString()}";
        }),
    ];
}
