using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Levels fall only after the cooldown of the level being left, counted from the last time its cause was seen.</summary>
public sealed class CooldownTests
{
    private readonly Account _a = new();

    [Fact]
    public void Watch_falls_two_hours_after_its_cause_was_last_seen()
    {
        FailLogins(T0, 5);
        var raisedAt = _a.Changes[^1].EventTimeMs;
        _a.Login(raisedAt + (2 * Hour) - 1, success: true, "dev-1", Beijing);
        Assert.Single(_a.Changes);

        var down = _a.Login(raisedAt + (2 * Hour), success: true, "dev-1", Beijing);
        Assert.NotNull(down);
        Assert.Equal("acct:2|Watch|Normal|0|RISK_CLEARED||e7", Describe(down));
        Assert.Equal(["WATCH", "2", "2"], new[] { "previousLevel", "cooldownHours", "clearedForHours" }.Select(k => Evidence(down.Reasons[0], k)));
    }

    [Fact]
    public void A_recurring_cause_restarts_the_cooldown()
    {
        FailLogins(T0, 5);
        FailLogins(T0 + Hour, 5);
        _a.Login(T0 + (2 * Hour) + Minute, success: true, "dev-1", Beijing);
        Assert.Single(_a.Changes);

        var lastFailure = T0 + Hour + (5 * 10 * Second);
        Assert.Null(_a.Login(lastFailure + (2 * Hour) - 1, success: true, "dev-1", Beijing));
        Assert.Equal(RiskLevel.Normal, _a.Login(lastFailure + (2 * Hour), success: true, "dev-1", Beijing)?.Level);
    }

    [Fact]
    public void Restricted_falls_after_twelve_hours()
    {
        Probe(T0);
        var raisedAt = _a.Changes[^1].EventTimeMs;
        Assert.Null(_a.Txn(raisedAt + (12 * Hour) - 1, 5_000, "m-1", Beijing));
        Assert.Equal(RiskLevel.Normal, _a.Txn(raisedAt + (12 * Hour), 5_000, "m-2", Beijing)?.Level);
    }

    [Fact]
    public void Suspended_falls_after_forty_eight_hours_straight_to_the_level_the_score_calls_for()
    {
        _a.Coverage.Update("ledger", T0);
        FailLogins(T0, 5);
        Probe(T0 + Minute);
        Assert.Equal(RiskLevel.Suspended, _a.State.Level);
        var heldAt = _a.State.LevelHeldAtMs;

        Assert.Null(_a.Txn(heldAt + (47 * Hour), 5_000, "m-1", Beijing));
        Assert.Null(_a.Txn(heldAt + (48 * Hour) - 1, 5_000, "m-2", Beijing));
        var down = _a.Txn(heldAt + (48 * Hour), 5_000, "m-3", Beijing);
        Assert.NotNull(down);
        Assert.Equal(RiskLevel.Normal, down.Level);
        Assert.Equal([RiskAction.NotifyCustomer, RiskAction.RestoreCredit], down.Actions);
    }

    [Fact]
    public void Per_level_cooldowns_come_from_the_policy()
    {
        var policy = RiskPolicy.Default with { Cooldowns = new LevelCooldowns(TimeSpan.FromMinutes(10), TimeSpan.FromHours(1), TimeSpan.FromHours(2)) };
        var a = new Account(policy);
        var t = T0;
        for (var i = 0; i < 5; i++)
        {
            a.Login(t += 10 * Second, success: false, "x", London);
        }

        Assert.Null(a.Login(t + (10 * Minute) - 1, success: true, "dev-1", Beijing));
        Assert.Equal(RiskLevel.Normal, a.Login(t + (20 * Minute), success: true, "dev-1", Beijing)?.Level);
    }

    private void FailLogins(long from, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            _a.Login(from + (i * 10 * Second), success: false, "x", London);
        }
    }

    private void Probe(long from)
    {
        for (var i = 1; i <= 5; i++)
        {
            _a.Txn(from + (i * 10 * Second), 99, $"probe-{i}", Beijing);
        }
    }
}
