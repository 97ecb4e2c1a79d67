using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Internal;

/// <summary>Lines up two runs' changes of each account by version and keeps the accounts where a decision differs.</summary>
internal static class ChangeComparer
{
    public static IReadOnlyList<BacktestDisagreement> Compare(
        IReadOnlyDictionary<string, List<BacktestChange>> changes, IReadOnlyDictionary<string, List<BacktestChange>> otherChanges)
    {
        var disagreements = new List<BacktestDisagreement>();
        foreach (var account in changes.Keys.Union(otherChanges.Keys).Order(StringComparer.Ordinal))
        {
            var mine = changes.GetValueOrDefault(account) ?? [];
            var theirs = otherChanges.GetValueOrDefault(account) ?? [];
            var differences = new List<BacktestChangeDifference>();
            for (var i = 0; i < Math.Max(mine.Count, theirs.Count); i++)
            {
                var a = i < mine.Count ? mine[i] : null;
                var b = i < theirs.Count ? theirs[i] : null;
                if (a is null || b is null || !a.SameDecisionAs(b))
                {
                    differences.Add(new BacktestChangeDifference(i + 1, a, b));
                }
            }

            if (differences.Count > 0)
            {
                disagreements.Add(new BacktestDisagreement(account, FinalLevel(mine), FinalLevel(theirs), differences));
            }
        }

        return disagreements;
    }

    private static RiskLevel FinalLevel(List<BacktestChange> changes) => changes.Count == 0 ? RiskLevel.NORMAL : changes[^1].Level;
}
