namespace RiskStreams.Risk.Internal;

/// <summary>Scores an account's current features against a policy: every enabled rule, then bills awaiting sync.</summary>
internal static class Assessor
{
    public static Assessment Assess(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p)
    {
        var context = new RuleContext(s, coverage, p);
        foreach (var rule in p.Rules.All)
        {
            if (rule.Enabled)
            {
                rule.Evaluate(context);
            }
        }

        // A bill awaiting sync whose reason a review cleared neither fires nor lifts the account to WATCH.
        var pending = ReviewDecisions.Suppressed(s, ReasonCodes.RepaymentSyncPending) ? null : context.Overdue.PendingId;
        if (pending is not null)
        {
            context.Fire(0, ReasonCodes.RepaymentSyncPending,
                ("billId", pending), ("dueDate", Scorecard.Iso(context.Overdue.PendingDueMs)),
                ("syncedThrough", coverage.OldestSyncedThroughMs is { } st ? Scorecard.Iso(st) : "unknown"),
                ("syncGraceHours", Scorecard.I(p.SyncGrace.TotalHours)));
        }

        var score = Math.Min(100, context.Card.Score);

        // A bill that may have been paid but not yet synced lifts the account to WATCH at most, never above.
        if (pending is not null && score < p.Levels.Watch)
        {
            score = p.Levels.Watch;
        }

        return new Assessment(p.LevelFor(score), score, context.Card.Reasons) { Weights = context.Card.Weights };
    }
}
