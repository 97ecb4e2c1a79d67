namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.RepaymentOverdue"/>: bills confirmed overdue (every payment source synced past
/// the due date plus <see cref="RiskPolicy.SyncGrace"/>). Scored by bands rather than one weight.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Bands">Days past due of the most overdue bill → score; the highest band reached applies. Days strictly increasing.</param>
/// <param name="BillsForSuspension">Confirmed overdue bills that score at least the SUSPENDED threshold.</param>
public sealed record RepaymentOverdueRule(bool Enabled, IReadOnlyList<OverdueBand> Bands, int BillsForSuspension) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.RepaymentOverdue;

    /// <summary>Value equality, bands compared element by element.</summary>
    public bool Equals(RepaymentOverdueRule? other) =>
        other is not null && Enabled == other.Enabled && BillsForSuspension == other.BillsForSuspension && Bands.SequenceEqual(other.Bands);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Enabled, BillsForSuspension, Bands.Count > 0 ? Bands[^1] : default);

    /// <summary>Score of the highest band that <paramref name="maxDaysPastDue"/> reaches (0 below the first).</summary>
    public int ScoreFor(int maxDaysPastDue)
    {
        var score = 0;
        foreach (var band in Bands)
        {
            if (maxDaysPastDue >= band.DaysPastDue)
            {
                score = Math.Max(score, band.Score);
            }
        }

        return score;
    }
}
