using RiskStreams.Avro.Contracts;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>Event-time safety and value validation of the risk topology: what is refused, with which reason, and what it leaves untouched.</summary>
public sealed class DecisionTimeSafetyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;
    private static readonly DateTime Year2099 = new(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_2099_dated_event_is_refused_never_restores_the_account_and_later_failed_logins_still_count()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        Probe(d, "acct-1");
        d.Login("other", T0.AddMinutes(3), success: true, "dev-o", "other-1");
        Assert.Equal(["acct-1:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4"], Changes(d));

        // A device clock in 2099: refused before it reaches stream time, with the reason.
        var skewed = Assert.Throws<InvalidEventException>(() => d.Login("acct-1", Year2099, success: true, "dev-1", "clock-2099"));
        Assert.Equal(RejectionReasons.ClockSkew, skewed.Reason);
        Assert.Equal(
            "logins event clock-2099: occurredAt 2099-01-01T00:00:00.000Z is more than the maximum clock skew (00:05:00) ahead of the processing clock "
            + "(2026-06-01T00:00:00.000Z); it would move the account's clock and windows, so it is not decided on.",
            skewed.Message);

        // The account still sees its own events: five failed sign-ins on top of the probing suspend it.
        for (var i = 1; i <= 5; i++)
        {
            d.Login("acct-1", T0.AddMinutes(3).AddSeconds(10 * i), success: false, "dev-1", $"fail-{i}");
        }

        Assert.Throws<InvalidEventException>(() => d.Transactions.PipeInput("acct-1", Txn("acct-1", Year2099, "clock-2099-txn"), RiskTopologyDriver.Ms(Year2099)));
        d.Flush();

        Assert.Equal(["acct-1:2 RESTRICTED->SUSPENDED LOGIN_FAILURES,SMALL_TXN_PROBING fail-5"], Changes(d));
        Assert.Equal(0, d.Buffered);
    }

    [Fact]
    public void An_event_further_behind_stream_time_than_the_maximum_age_is_refused_before_it_changes_anything()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        d.Login("other", T0, success: true, "dev-o", "other-1");

        var old = Assert.Throws<InvalidEventException>(() => d.Txn("acct-1", T0.AddDays(-35).AddMilliseconds(-1), 99, "m", "ancient"));
        Assert.Equal(RejectionReasons.TooOld, old.Reason);
        Assert.Equal(
            "transactions event ancient: occurredAt 2025-12-01T07:59:59.999Z is more than the maximum event age (35.00:00:00) behind stream time "
            + "(2026-01-05T08:00:00.000Z), so it is not decided on.",
            old.Message);

        var accounts = d.Driver.GetKeyValueStore<string, Risk.AccountRiskState>(RiskStoreNames.AccountState);
        d.Driver.Commit();
        Assert.False(accounts.TryGet("acct-1", out _));

        // Exactly the maximum age is still decided on.
        d.Txn("acct-1", T0.AddDays(-35), 99, "m", "oldest-kept");
        d.Driver.Commit();
        Assert.True(accounts.TryGet("acct-1", out _));
        Assert.Equal(0, d.Driver.DroppedRecordCount);
    }

    [Fact]
    public void Values_that_break_their_meaning_are_refused_with_the_field_and_the_rule()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var huge = Assert.Throws<InvalidEventException>(() => d.Txn("acct-1", T0, 9_000_000_000_000_000_000, "m", "huge-1"));
        Assert.Equal(RejectionReasons.InvalidValue, huge.Reason);
        Assert.Equal("transactions event huge-1: field amountMinor breaks rule amount-range: amountMinor must be from 0 to 1000000000000, was 9000000000000000000", huge.Message);

        var bill = new RepaymentSync
        {
            eventId = "neg-due", accountId = "acct-1", occurredAt = T0, syncedAt = T0, sourceSystem = "ledger-main", billId = "b-1", dueDate = T0.AddDays(-1),
            amountDueMinor = -10_000, amountPaidMinor = 0, currency = "CNY", status = BillStatus.OVERDUE, daysPastDue = 1,
        };
        var negative = Assert.Throws<InvalidEventException>(() => d.Repayments.PipeInput("acct-1", bill, RiskTopologyDriver.Ms(T0)));
        Assert.Equal("repayments event neg-due: field amountDueMinor breaks rule amount-range: amountDueMinor must be from 0 to 1000000000000, was -10000", negative.Message);

        // Neither reached the account: an ordinary purchase afterwards changes nothing.
        d.Txn("acct-1", T0.AddMinutes(1), 5_000, "m", "ordinary");
        d.Flush();
        Assert.Empty(Changes(d));
    }

    [Fact]
    public void Skew_and_age_bounds_are_validated_against_the_policy()
    {
        var skew = Assert.Throws<ArgumentException>(() => new RiskTopologyOptions { MaxClockSkew = TimeSpan.Zero }.Validate());
        Assert.Equal(nameof(RiskTopologyOptions.MaxClockSkew), skew.ParamName);

        var age = Assert.Throws<ArgumentException>(() => new RiskTopologyOptions { MaxEventAge = TimeSpan.FromHours(47) }.Validate());
        Assert.Equal(nameof(RiskTopologyOptions.MaxEventAge), age.ParamName);
        Assert.StartsWith("MaxEventAge must be at least the policy's longest cooldown (2.00:00:00) and the reorder grace; was 1.23:00:00.", age.Message, StringComparison.Ordinal);

        Assert.Equal((TimeSpan.FromMinutes(5), TimeSpan.FromDays(35)), (new RiskTopologyOptions().MaxClockSkew, new RiskTopologyOptions().MaxEventAge));
    }

    /// <summary>Five 99-cent probes 30 s apart from T0: RESTRICTED at probe-4 (T0 + 2 min).</summary>
    internal static void Probe(RiskTopologyDriver d, string account)
    {
        for (var i = 0; i < 5; i++)
        {
            d.Txn(account, T0.AddSeconds(30 * i), 99, $"probe-m-{i}", $"probe-{i}");
        }
    }

    internal static List<string> Changes(RiskTopologyDriver d) =>
    [
        .. d.Changes.ReadRecordsToList().Select(r =>
            $"{r.Value.changeId} {r.Value.previousLevel}->{r.Value.level} {string.Join(',', r.Value.reasons.Select(x => x.code))} {r.Value.triggeringEventId}"),
    ];

    private static Transaction Txn(string account, DateTime at, string id) => new()
    {
        eventId = id, accountId = account, occurredAt = at, amountMinor = 5_000, currency = "CNY", merchantId = "m",
        merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
    };
}
