using RiskStreams.Risk.Internal;
using YamlDotNet.RepresentationModel;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.RepaymentOverdue"/>: bills confirmed overdue (every payment source synced past the due date plus
/// <see cref="RiskPolicy.SyncGrace"/>), partly paid late bills included. Scored by bands rather than one weight. The
/// evidence shows the most overdue bill, with its unpaid remainder.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Bands">Days past due of the most overdue bill → score; the highest band reached applies. Days strictly increasing.</param>
/// <param name="BillsForSuspension">Confirmed overdue bills that score at least the SUSPENDED threshold.</param>
public sealed record RepaymentOverdueRule(bool Enabled, IReadOnlyList<OverdueBand> Bands, int BillsForSuspension) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.RepaymentOverdue, 100, ["enabled", "bands", "billsForSuspension"],
        m => new RepaymentOverdueRule(RuleParameters.Enabled(m), ReadBands(m), m.Int("billsForSuspension", 1, StateLimits.MaxBills)),
        new RepaymentOverdueRule(false, [new(1, 30), new(30, 60), new(90, 90)], 3),
        [
            new(ReasonCodes.RepaymentOverdue,
                "A bill on your account is {maxDaysPastDue} days past due.",
                "您账户中的一笔账单已逾期 {maxDaysPastDue} 天。", WhenKey: "overdueBills", WhenValue: "1"),
            new(ReasonCodes.RepaymentOverdue,
                "{overdueBills} bills on your account are past due; the oldest is {maxDaysPastDue} days past due.",
                "您账户中有 {overdueBills} 笔账单已逾期，最早的一笔已逾期 {maxDaysPastDue} 天。"),
        ]);

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

    internal override void Evaluate(RuleContext context)
    {
        var scan = context.Overdue;
        if (scan.Worst is not { } worst)
        {
            return;
        }

        var score = ScoreFor(worst.DaysPastDue);
        if (scan.Confirmed >= BillsForSuspension)
        {
            score = Math.Max(score, context.Policy.Levels.Suspended);
        }

        context.Fire(score, Code,
            ("overdueBills", I(scan.Confirmed)), ("maxDaysPastDue", I(worst.DaysPastDue)), ("billsForSuspension", I(BillsForSuspension)),
            ("billId", scan.WorstId!), ("billStatus", worst.State == BillState.PartiallyPaid ? "PARTIALLY_PAID" : "OVERDUE"),
            ("amountDueMinor", I(worst.AmountDueMinor)), ("amountPaidMinor", I(worst.AmountPaidMinor)), ("unpaidMinor", I(worst.UnpaidMinor)));
    }

    private static List<OverdueBand> ReadBands(YamlMap m)
    {
        var bands = new List<OverdueBand>();
        if (m.Map("bands") is not { } map)
        {
            return bands;
        }

        foreach (var (name, key, value) in map.Entries)
        {
            map.MarkRead(name);
            var field = map.PathOf(name);
            if (!YamlMap.TryLong(name, out var days) || days < 0 || days > 3650)
            {
                map.Error(key.Start, field, $"band keys are days past due, whole numbers from 0 to 3650, was \"{name}\"");
                continue;
            }

            if (value is not YamlScalarNode { Value: { } text } || !YamlMap.TryLong(text, out var score) || score < 0 || score > 100)
            {
                map.Error(value.Start, field, $"must be a score, a whole number from 0 to 100, was {Shown(value)}");
                continue;
            }

            if (bands.Count > 0 && days <= bands[^1].DaysPastDue)
            {
                map.Error(key.Start, field, $"band days must be strictly increasing; {days} follows {bands[^1].DaysPastDue}");
            }
            else if (bands.Count > 0 && score < bands[^1].Score)
            {
                map.Error(value.Start, field, $"band scores must not decrease; {score} follows {bands[^1].Score}");
            }

            bands.Add(new OverdueBand((int)days, (int)score));
        }

        if (!map.Entries.Any())
        {
            map.Error(map.Anchor, map.Path, "needs at least one band");
        }

        return bands;
    }

    private static string Shown(YamlNode node) => node is YamlScalarNode { Value: { } text } ? $"\"{text}\"" : YamlMap.Kind(node);
}
