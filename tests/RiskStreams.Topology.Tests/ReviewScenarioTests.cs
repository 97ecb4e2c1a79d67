using RiskStreams.Avro.Contracts;
using RiskStreams.Topology.Internal;
using static RiskStreams.Topology.Tests.DecisionTimeSafetyTests;

namespace RiskStreams.Topology.Tests;

/// <summary>Review decisions (account.reviews) through the production topology: CLEAR, UPHOLD, OVERRIDE, suppression and its end.</summary>
public sealed class ReviewScenarioTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;

    private RiskTopologyDriver Driver() => new(registry.Serdes, reorderGrace: TimeSpan.Zero);

    /// <summary>Five 99 purchases at distinct merchants within two minutes, starting at <paramref name="from"/>: card testing.</summary>
    private static void ProbeAt(RiskTopologyDriver d, string account, DateTime from, string prefix)
    {
        for (var i = 0; i < 5; i++)
        {
            d.Txn(account, from.AddSeconds(30 * i), 99, $"{prefix}-m-{i}", $"{prefix}-{i}");
        }
    }

    private static string Evidence(RiskLevelChanged change, string code) =>
        string.Join(' ', change.reasons.Single(r => r.code == code).evidence.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"));

    [Fact]
    public void Clear_lowers_a_restricted_account_to_normal_at_once_and_restores_credit()
    {
        using var d = Driver();
        Probe(d, "acc");
        Assert.Equal(["acc:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4"], Changes(d));

        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.CLEAR, note: "customer was testing a new card reader");
        var change = Assert.Single(d.Changes.ReadRecordsToList()).Value;
        Assert.Equal(("acc:2", RiskLevel.RESTRICTED, RiskLevel.NORMAL, "reviews", "rev-1"),
            (change.changeId, change.previousLevel, change.level, change.triggeringStream, change.triggeringEventId));
        Assert.Equal(["REVIEW_CLEARED"], change.reasons.Select(r => r.code));
        Assert.Equal("kind=APPEAL previousLevel=RESTRICTED reviewId=rev-1 suppressedReasons=SMALL_TXN_PROBING suppressedUntil=2026-02-04T08:10:00.0000000+00:00",
            Evidence(change, "REVIEW_CLEARED"));
        Assert.Equal([RiskAction.NOTIFY_CUSTOMER, RiskAction.RESTORE_CREDIT], change.actions);
        Assert.Equal(
            "We reviewed your account again and found the earlier decision was not justified. Your account is back to normal.",
            change.reasons[0].message);
        Assert.False(change.appealable);

        // The note never leaves the review: not in a message, not in evidence.
        Assert.DoesNotContain(change.reasons, r => r.message.Contains("card reader", StringComparison.Ordinal)
            || r.evidence.Values.Any(v => v.Contains("card reader", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_same_cleared_signal_does_not_restrict_again_but_a_new_signal_still_escalates()
    {
        using var d = Driver();
        Probe(d, "acc");
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.CLEAR);
        Assert.Equal(["acc:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4", "acc:2 RESTRICTED->NORMAL REVIEW_CLEARED rev-1"], Changes(d));

        // Fresh card-testing evidence after the clear: the cleared code is suppressed, whatever the evidence's time.
        ProbeAt(d, "acc", T0.AddMinutes(20), "again");
        Assert.Empty(Changes(d));

        // Failed sign-ins are a different signal: they escalate as usual.
        for (var i = 0; i < 5; i++)
        {
            d.Login("acc", T0.AddMinutes(30).AddSeconds(i), success: false, "dev-x", $"fail-{i}");
        }

        Assert.Equal(["acc:3 NORMAL->WATCH LOGIN_FAILURES fail-4"], Changes(d));
    }

    [Fact]
    public void Clear_suppression_ends_at_valid_until_and_the_same_signal_restricts_again()
    {
        using var d = Driver();
        Probe(d, "acc");
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.CLEAR, validUntil: T0.AddHours(1), suppress: ["SMALL_TXN_PROBING"]);
        ProbeAt(d, "acc", T0.AddMinutes(50), "inside");
        ProbeAt(d, "acc", T0.AddHours(2), "after");
        Assert.Equal([
            "acc:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4",
            "acc:2 RESTRICTED->NORMAL REVIEW_CLEARED rev-1",
            "acc:3 NORMAL->RESTRICTED SMALL_TXN_PROBING after-4",
        ], Changes(d));
    }

    [Fact]
    public void Uphold_keeps_the_level_records_the_outcome_and_holds_the_level_past_its_cooldown_until_valid_until()
    {
        using var d = Driver();
        Probe(d, "acc");
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.UPHOLD, validUntil: T0.AddDays(3));
        var records = d.Changes.ReadRecordsToList();
        Assert.Equal(2, records.Count);
        var upheld = records[1].Value;
        Assert.Equal(("acc:2", RiskLevel.RESTRICTED, RiskLevel.RESTRICTED), (upheld.changeId, upheld.previousLevel, upheld.level));
        Assert.Equal("REVIEW_UPHELD", upheld.reasons[0].code);
        Assert.Equal("heldUntil=2026-01-08T08:00:00.0000000+00:00 kind=APPEAL level=RESTRICTED reviewId=rev-1", Evidence(upheld, "REVIEW_UPHELD"));
        Assert.Equal([RiskAction.NOTIFY_CUSTOMER], upheld.actions);

        // The 12 h cooldown passes in stream time (another account's events): the hold keeps the level.
        d.Login("other", T0.AddDays(1), success: true, "dev-o", "other-1");
        Assert.Empty(Changes(d));
        var timers = d.Driver.GetKeyValueStore<string, long>(RiskStoreNames.StepDownTimers);
        Assert.True(timers.TryGet("acc", out var due));
        Assert.Equal(RiskTopologyDriver.Ms(T0.AddDays(3)), due);

        d.Login("other", T0.AddDays(3), success: true, "dev-o", "other-2");
        Assert.Equal([$"acc:3 RESTRICTED->NORMAL RISK_CLEARED step-down@{RiskTopologyDriver.Ms(T0.AddDays(3))}"], Changes(d));
    }

    [Fact]
    public void Override_pins_the_level_until_valid_until_then_automatic_decisions_resume()
    {
        using var d = Driver();
        Probe(d, "acc");
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.OVERRIDE, level: RiskLevel.SUSPENDED, validUntil: T0.AddDays(1),
            kind: ReviewKind.MANUAL_REVIEW);
        var records = d.Changes.ReadRecordsToList();
        var overridden = records[^1].Value;
        Assert.Equal(("acc:2", RiskLevel.RESTRICTED, RiskLevel.SUSPENDED), (overridden.changeId, overridden.previousLevel, overridden.level));
        Assert.Equal("kind=MANUAL_REVIEW level=SUSPENDED previousLevel=RESTRICTED reviewId=rev-1 until=2026-01-06T08:00:00.0000000+00:00",
            Evidence(overridden, "REVIEW_OVERRIDE"));
        Assert.Equal([RiskAction.NOTIFY_CUSTOMER, RiskAction.SUSPEND_CREDIT], overridden.actions);

        // Pinned: neither fresh signals nor the cooldown move it.
        for (var i = 0; i < 5; i++)
        {
            d.Login("acc", T0.AddHours(1).AddSeconds(i), success: false, "dev-x", $"fail-{i}");
        }

        d.Login("other", T0.AddHours(20), success: true, "dev-o", "other-1");
        Assert.Empty(Changes(d));

        // At validUntil the override ends: the account is quiet, so the automatic decision is NORMAL, at once.
        d.Login("other", T0.AddDays(1), success: true, "dev-o", "other-2");
        var ended = Assert.Single(d.Changes.ReadRecordsToList()).Value;
        Assert.Equal(("acc:3", RiskLevel.SUSPENDED, RiskLevel.NORMAL, "stream-time"), (ended.changeId, ended.previousLevel, ended.level, ended.triggeringStream));
        Assert.Equal(["REVIEW_OVERRIDE_ENDED"], ended.reasons.Select(r => r.code));
        Assert.Equal("endedAt=2026-01-06T08:00:00.0000000+00:00 overrideLevel=SUSPENDED reviewId=rev-1", Evidence(ended, "REVIEW_OVERRIDE_ENDED"));
        Assert.Equal([RiskAction.NOTIFY_CUSTOMER, RiskAction.RESTORE_CREDIT], ended.actions);
    }

    [Fact]
    public void A_review_delivered_twice_changes_the_account_once()
    {
        using var d = Driver();
        Probe(d, "acc");
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.CLEAR);
        d.Review("acc", T0.AddMinutes(10), "rev-1", ReviewOutcome.CLEAR);
        d.Review("acc", T0.AddDays(3), "rev-1", ReviewOutcome.CLEAR);
        Assert.Equal(["acc:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4", "acc:2 RESTRICTED->NORMAL REVIEW_CLEARED rev-1"], Changes(d));
    }

    [Fact]
    public void Invalid_reviews_are_refused_naming_the_field()
    {
        using var d = Driver();
        var noLevel = Assert.Throws<InvalidEventException>(() => d.Review("acc", T0, "rev-1", ReviewOutcome.OVERRIDE));
        Assert.Contains("field level breaks rule required", noLevel.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidEventException>(() => d.Review("acc", T0, "rev-2", ReviewOutcome.CLEAR, suppress: ["NOT_A_CODE"]));
        Assert.Contains("field suppressReasons breaks rule unknown-reason-code", unknown.Message, StringComparison.Ordinal);
        var cleared = Assert.Throws<InvalidEventException>(() => d.Review("acc", T0, "rev-3", ReviewOutcome.CLEAR, suppress: ["REVIEW_CLEARED"]));
        Assert.Contains("field suppressReasons", cleared.Message, StringComparison.Ordinal);
        var reviewer = Assert.Throws<InvalidEventException>(() => d.Review("acc", T0, "rev-4", ReviewOutcome.CLEAR, reviewer: new string('s', 65)));
        Assert.Contains("field reviewer breaks rule too-long", reviewer.Message, StringComparison.Ordinal);
        var order = Assert.Throws<InvalidEventException>(() => d.Review("acc", T0, "rev-5", ReviewOutcome.UPHOLD, validUntil: T0));
        Assert.Contains("field validUntil breaks rule time-order", order.Message, StringComparison.Ordinal);
        Assert.Empty(Changes(d));
    }
}
