using System.Globalization;

namespace RiskStreams.Topology;

/// <summary>A shadow run: two policies over the same input, and the accounts on which their changes differ.</summary>
/// <param name="Summary">The first policy's run.</param>
/// <param name="OtherSummary">The other policy's run.</param>
/// <param name="AccountsCompared">Distinct accounts in the input's account events.</param>
/// <param name="Disagreements">Accounts whose changes differ, ordered by account id.</param>
public sealed record BacktestComparison(BacktestSummary Summary, BacktestSummary OtherSummary, long AccountsCompared, IReadOnlyList<BacktestDisagreement> Disagreements)
{
    /// <summary>Disagreeing accounts that also end at a different level.</summary>
    public int FinalLevelDisagreements => Disagreements.Count(d => d.FinalLevelDiffers);

    /// <summary>Writes the comparison as readable lines: counts, then per account the final levels and the differing changes.</summary>
    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Invariant($"compare: policy {Summary.PolicyVersion} vs {OtherSummary.PolicyVersion}: {AccountsCompared} accounts, "));
        writer.Write(Invariant($"{Disagreements.Count} disagree ({FinalLevelDisagreements} with a different final level); {Summary.Changes} vs {OtherSummary.Changes} level changes\n"));
        foreach (var d in Disagreements)
        {
            writer.Write(Invariant($"compare: account {d.AccountId}: final {d.FinalLevel} vs {d.OtherFinalLevel}\n"));
            foreach (var diff in d.Differences)
            {
                writer.Write(Invariant($"compare:   v{diff.Version}: {Describe(diff.Change)} | {Describe(diff.OtherChange)}\n"));
            }
        }
    }

    private static string Describe(BacktestChange? c) =>
        c is null ? "(no change)" : $"{c.PreviousLevel} -> {c.Level} at {c.TriggeringEventId} [{string.Join(",", c.ReasonCodes)}]";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
