using System.Text.Json;
using RiskStreams.Risk;

namespace RiskStreams.Topology.Tests;

/// <summary>The read model of the account risk API, as JSON, for a known account state.</summary>
public sealed class AccountRiskViewsTests
{
    private const long T0 = 1_767_600_000_000; // 2026-01-05T08:00:00Z
    private const long Minute = 60_000;
    private const long Day = 86_400_000;

    /// <summary>Card testing (RESTRICTED), a bill overdue whose sources have not synced, then an appeal the reviewer upheld.</summary>
    private static (AccountRiskState State, SyncCoverageTable Coverage) Upheld()
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0 - (3 * Day));
        for (var i = 0; i < 5; i++)
        {
            decider.Apply(state, new TransactionEvent($"t{i}", "acc-1", T0 + (i * 30_000), 99, $"m{i}", true, false, false, "dev-1", "CN", null, "CNY"), coverage);
        }

        decider.Apply(state, new RepaymentEvent("r1", "acc-1", T0 + (3 * Minute), "ledger", "b-1", T0 - (2 * Day), BillState.Overdue, 2, 10_000, 4_000, null, null), coverage);
        decider.Apply(state, new ReviewEvent("rev-1", "acc-1", T0 + (10 * Minute), "staff-7", ReviewKind.Appeal, ReviewOutcome.Uphold, null,
            T0 + (7 * Day), [], "acc-1:1"), coverage);
        return (state, coverage);
    }

    [Fact]
    public void The_risk_view_of_a_known_state_serialises_to_the_api_shape()
    {
        var (state, coverage) = Upheld();
        var view = AccountRiskViews.Of(state, RiskPolicy.Default, coverage, T0 + Day);
        var json = JsonSerializer.Serialize(view, AccountRiskViews.JsonOptions);
        Assert.Equal(Lines("""
            {"accountId":"acc-1",
            "level":"RESTRICTED",
            "score":60,
            "version":2,
            "levelSince":"2026-01-05T08:02:00Z",
            "reasons":[{"code":"REVIEW_UPHELD","weight":0,"message":"We reviewed your account again and the earlier decision stands.","evidence":{"reviewId":"rev-1","kind":"APPEAL","level":"RESTRICTED","heldUntil":"2026-01-12T08:00:00.0000000+00:00"}},{"code":"SMALL_TXN_PROBING","weight":60,"message":"Several very small payments were made at different merchants within 10 minutes, a pattern used to test stolen card details.","evidence":{"distinctMerchants":"5","threshold":"5","maxAmountMinor":"200","windowMinutes":"10"}},{"code":"REPAYMENT_SYNC_PENDING","weight":0,"message":"A bill looks unpaid, but repayment records from your lender are still being updated. We will not restrict your account for it until they are.","evidence":{"billId":"b-1","dueDate":"2026-01-03T08:00:00.0000000+00:00","syncedThrough":"2026-01-02T08:00:00.0000000+00:00","syncGraceHours":"24"}}],
            "actions":["NOTIFY_CUSTOMER"],
            "features":{"currency":"CNY","txnCount10m":5,"txnCount1h":5,"txnCount24h":5,"declined1h":0,"spend1hMinor":495,"spend24hMinor":495,"cashAdvance24hMinor":0,"baselineCount":0,"baselineSpendMinor":0,"loginFailures10m":0,"loginFailures1h":0,"knownDevices":0,"overdueBills":1,"syncPendingBills":1,"maxDaysPastDue":2,"utilization":null},
            "bills":[{"billId":"b-1","state":"OVERDUE","daysPastDue":2,"unpaidMinor":6000,"dueDate":"2026-01-03T08:00:00Z","syncPending":true}],
            "reviews":[{"reviewId":"rev-1","kind":"APPEAL","outcome":"UPHOLD","level":null,"validUntil":"2026-01-12T08:00:00Z","suppressReasons":[],"decidedAt":"2026-01-05T08:10:00Z"}],
            "policyVersion":"default-2026.01",
            "lastChangeId":"acc-1:2",
            "lastChangeAt":"2026-01-05T08:10:00Z",
            "clock":"2026-01-05T08:10:00Z",
            "asOf":"2026-01-06T08:00:00Z"}
            """),
            json);
    }

    [Fact]
    public void Reasons_are_rendered_in_the_requested_culture_from_their_evidence()
    {
        var (state, coverage) = Upheld();
        var view = AccountRiskViews.Of(state, RiskPolicy.Default, coverage, T0 + Day, "zh-CN");
        Assert.Equal("我们已重新复核您的账户，此前的决定维持不变。", view.Reasons[0].Message);
        Assert.Contains("\"message\":\"我们已重新复核", JsonSerializer.Serialize(view, AccountRiskViews.JsonOptions), StringComparison.Ordinal);
    }

    [Fact]
    public void The_changes_view_lists_the_history_newest_first()
    {
        var (state, _) = Upheld();
        var json = JsonSerializer.Serialize(AccountRiskViews.ChangesOf(state), AccountRiskViews.JsonOptions);
        Assert.Equal(Lines("""
            {"accountId":"acc-1","changes":[
            {"changeId":"acc-1:2","version":2,"previousLevel":"RESTRICTED","level":"RESTRICTED","score":60,"eventTime":"2026-01-05T08:10:00Z","reasons":["REVIEW_UPHELD","SMALL_TXN_PROBING","REPAYMENT_SYNC_PENDING"],"reviewId":"rev-1","triggeringStream":"reviews"},
            {"changeId":"acc-1:1","version":1,"previousLevel":"NORMAL","level":"RESTRICTED","score":60,"eventTime":"2026-01-05T08:02:00Z","reasons":["SMALL_TXN_PROBING"],"reviewId":null,"triggeringStream":"transactions"}]}
            """),
            json);
    }

    /// <summary>The lines of <paramref name="text"/> joined without separators (long JSON written one piece a line).</summary>
    private static string Lines(string text) => text.Replace("\n", "", StringComparison.Ordinal);
}
