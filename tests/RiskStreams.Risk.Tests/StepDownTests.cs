using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>A quiet account steps down on stream time exactly as an event at that time would have lowered it.</summary>
public sealed class StepDownTests
{
    private readonly Account _a = new();

    [Fact]
    public void Restricted_quiet_account_steps_down_when_the_cooldown_has_passed()
    {
        Probe(_a, T0);
        var raisedAt = _a.Changes[^1].EventTimeMs;
        Assert.Equal(RiskLevel.Restricted, _a.State.Level);
        Assert.Equal(raisedAt + (12 * Hour), _a.Decider.NextStepDownCheckMs(_a.State));

        Assert.Null(_a.Decider.StepDown(_a.State, raisedAt + (12 * Hour) - 1, _a.Coverage));
        var down = _a.Decider.StepDown(_a.State, raisedAt + (12 * Hour), _a.Coverage);

        Assert.NotNull(down);
        Assert.Equal($"acct:2|Restricted|Normal|0|RISK_CLEARED|NotifyCustomer,RestoreCredit|step-down@{raisedAt + (12 * Hour)}", Describe(down));
        Assert.Equal(AccountRiskDecider.StepDownStream, down.TriggeringStream);
        Assert.Equal(raisedAt + (12 * Hour), down.EventTimeMs);
        Assert.Equal([new("previousLevel", "RESTRICTED"), new("cooldownHours", "12"), new("clearedForHours", "12")], down.Reasons[0].Evidence);
        Assert.Null(_a.Decider.NextStepDownCheckMs(_a.State));
    }

    [Fact]
    public void Step_down_decides_as_an_event_at_that_time_would()
    {
        var twin = new Account();
        Probe(_a, T0);
        Probe(twin, T0);
        var at = _a.Changes[^1].EventTimeMs + (13 * Hour);

        var byTimer = _a.Decider.StepDown(_a.State, at, _a.Coverage);
        var byEvent = twin.SyncCheck(at);

        Assert.NotNull(byTimer);
        Assert.NotNull(byEvent);
        Assert.Equal((byEvent.Level, byEvent.Score, byEvent.Version), (byTimer.Level, byTimer.Score, byTimer.Version));
        Assert.Equal(byEvent.Actions, byTimer.Actions);
        Assert.Equal(byEvent.Reasons.Select(r => (r.Code, r.Message, string.Join(",", r.Evidence))), byTimer.Reasons.Select(r => (r.Code, r.Message, string.Join(",", r.Evidence))));
    }

    [Fact]
    public void A_cause_still_present_holds_the_level_and_moves_the_next_check()
    {
        _a.Coverage.Update("ledger", T0);
        _a.Bill(T0, "b1", T0 - (35 * Day), BillState.Overdue, 35);
        Assert.Equal(RiskLevel.Restricted, _a.State.Level);

        Assert.Null(_a.Decider.StepDown(_a.State, T0 + (12 * Hour), _a.Coverage));
        Assert.Equal(RiskLevel.Restricted, _a.State.Level);
        Assert.Equal(T0 + (24 * Hour), _a.Decider.NextStepDownCheckMs(_a.State));
    }

    [Fact]
    public void A_time_before_the_accounts_clock_never_moves_it_back()
    {
        Probe(_a, T0);
        _a.Txn(T0 + (13 * Hour), 5_000, "m-1", Beijing);
        Assert.Equal(RiskLevel.Normal, _a.State.Level);
        Probe(_a, T0 + (14 * Hour));
        var clock = _a.Features.AtMs;

        Assert.Null(_a.Decider.StepDown(_a.State, T0, _a.Coverage));
        Assert.Equal(clock, _a.Features.AtMs);
        Assert.Equal(RiskLevel.Restricted, _a.State.Level);
    }

    [Fact]
    public void A_late_event_never_moves_the_clock_back_nor_clears_a_cooldown()
    {
        Probe(_a, T0);
        var clock = _a.Features.AtMs;

        Assert.Null(_a.Txn(T0 - (30 * Day), 5_000, "m-1", Beijing));
        Assert.Null(_a.Login(T0 - Day, success: true, "dev-1", Beijing));
        Assert.Equal(clock, _a.Features.AtMs);
        Assert.Equal(RiskLevel.Restricted, _a.State.Level);
        Assert.Equal(clock + (12 * Hour), _a.Decider.NextStepDownCheckMs(_a.State));
    }

    [Fact]
    public void Normal_account_has_nothing_to_step_down()
    {
        _a.Login(T0, success: true, "dev-1", Beijing);
        Assert.Null(_a.Decider.NextStepDownCheckMs(_a.State));
        Assert.Null(_a.Decider.StepDown(_a.State, T0 + Day, _a.Coverage));
    }

    [Fact]
    public void A_state_without_its_account_id_needs_the_id_to_step_down()
    {
        var state = new AccountRiskState();
        var error = Assert.Throws<InvalidOperationException>(() => _a.Decider.StepDown(state, T0, _a.Coverage));
        Assert.Equal("The account state does not know its account id yet; call StepDown with the account id.", error.Message);
        Assert.Null(_a.Decider.StepDown(state, "acct", T0, _a.Coverage));
        Assert.Equal("acct", state.AccountId);
    }

    private static void Probe(Account a, long from)
    {
        for (var i = 1; i <= 5; i++)
        {
            a.Txn(from + (i * 10 * Second), 99, $"probe-{i}", Beijing);
        }
    }
}
