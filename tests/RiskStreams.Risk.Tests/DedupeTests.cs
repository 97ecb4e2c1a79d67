using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>An event already applied to the account (same eventId) changes nothing.</summary>
public sealed class DedupeTests
{
    private readonly Account _a = new();

    [Fact]
    public void Four_failed_logins_delivered_twice_stay_below_the_threshold()
    {
        var failures = Enumerable.Range(1, 4)
            .Select(i => new LoginEvent($"f{i}", "acct", T0 + (i * 10 * Second), false, "x", false, "GB", London)).ToList();
        foreach (var e in failures.Concat(failures))
        {
            Assert.Null(_a.Apply(e));
        }

        Assert.Equal(4, _a.Features.FailedLoginsLast10Minutes);
        Assert.Equal(RiskLevel.Normal, _a.State.Level);
        Assert.Empty(_a.Changes);
    }

    [Fact]
    public void A_purchase_burst_delivered_twice_is_counted_once()
    {
        _a.History();
        var burst = Enumerable.Range(1, 3)
            .Select(i => new TransactionEvent($"b{i}", "acct", T0 + (i * Minute), 30_000, $"m-{i}", true, false, false, "dev-1", "CN", Beijing, "CNY")).ToList();
        foreach (var e in burst.Concat(burst))
        {
            _a.Apply(e);
        }

        Assert.Equal(new TransactionTotals(3, 0, 90_000, 0), _a.Features.LastHour);
        Assert.Empty(_a.Changes);
    }

    [Fact]
    public void Duplicate_event_leaves_the_state_bytes_unchanged()
    {
        var e = new LoginEvent("l1", "acct", T0, false, "x", false, "GB", London);
        _a.Apply(e);
        var before = AccountRiskStateCodec.Encode(_a.State);

        Assert.True(_a.Decider.AlreadyApplied(_a.State, "l1"));
        Assert.Null(_a.Apply(e with { OccurredAtMs = T0 + Hour }));
        Assert.Equal(before, AccountRiskStateCodec.Encode(_a.State));
    }

    [Fact]
    public void Ids_are_remembered_for_24_hours_of_the_accounts_clock()
    {
        _a.Apply(new LoginEvent("old", "acct", T0, true, "dev-1", false, "CN", Beijing));
        _a.Login(T0 + (24 * Hour), success: true, "dev-1", Beijing);
        Assert.True(_a.Decider.AlreadyApplied(_a.State, "old"));

        _a.Login(T0 + (24 * Hour) + 1, success: true, "dev-1", Beijing);
        Assert.False(_a.Decider.AlreadyApplied(_a.State, "old"));
    }

    [Fact]
    public void At_most_256_ids_are_remembered_the_oldest_forgotten_first()
    {
        for (var i = 0; i < 300; i++)
        {
            _a.Apply(new LoginEvent($"l{i}", "acct", T0 + i, true, "dev-1", false, "CN", Beijing));
        }

        Assert.False(_a.Decider.AlreadyApplied(_a.State, "l43"));
        Assert.True(_a.Decider.AlreadyApplied(_a.State, "l44"));
        Assert.True(_a.Decider.AlreadyApplied(_a.State, "l299"));
    }
}
