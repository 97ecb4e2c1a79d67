namespace RiskStreams.Risk.Internal;

/// <summary>Scores an account's current features against a policy.</summary>
internal static class Assessor
{
    public static Assessment Assess(AccountRiskState s, ISyncCoverage coverage, RiskPolicy p)
    {
        var card = new Scorecard();
        AccessRules.Apply(s, p, card);
        TransactionRules.Apply(s, p, card);
        var (pending, confirmed) = BillRules.Apply(s, coverage, p, card);
        var score = Math.Min(100, card.Score);

        // A bill that may have been paid but not yet synced lifts the account to WATCH at most, never above.
        if (pending && score < p.Levels.Watch)
        {
            score = p.Levels.Watch;
        }

        return new Assessment(p.LevelFor(score), score, card.Reasons, confirmed);
    }
}
