using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.SpendSpike"/>: approved spend in a window far above the account's own recent history, judged per
/// currency (spend in a currency against the baseline of that currency); the first currency (ordinal order) that fires is reported.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of spend being judged.</param>
/// <param name="Multiple">Fires when window spend exceeds this multiple of the baseline's average transaction.</param>
/// <param name="FloorMinor">Window spend below this (minor units, per currency) never counts as a spike.</param>
/// <param name="BaselineWindow">History the baseline averages over (whole days), excluding the judged window.</param>
/// <param name="BaselineMinCount">Approved transactions the baseline needs before it is trusted.</param>
public sealed record SpendSpikeRule(
    bool Enabled, int Weight, TimeSpan Window, double Multiple, CurrencyAmount FloorMinor, TimeSpan BaselineWindow, int BaselineMinCount)
    : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.SpendSpike, 40, [.. RuleParameters.Common, "window", "multiple", "floorMinor", "baselineWindow", "baselineMinCount"],
        m => new SpendSpikeRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Number("multiple", 0, 10_000),
            m.Amount("floorMinor", 0, long.MaxValue), ReadBaselineWindow(m), m.Int("baselineMinCount", 1, 1_000_000)),
        new SpendSpikeRule(false, 35, TimeSpan.FromHours(1), 8, 100_000, TimeSpan.FromDays(30), 5),
        [new(ReasonCodes.SpendSpike,
            "Spending in {windowMinutes:lastPeriod} is much higher than usual for your account.",
            "您的账户{windowMinutes:lastPeriod}的消费金额远高于平时。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.SpendSpike;

    internal override void Evaluate(RuleContext context)
    {
        var s = context.State;
        foreach (var currency in TransactionWindow.CurrenciesInOrder(s))
        {
            var (count, sum) = TransactionWindow.Baseline(s, currency, Window, BaselineWindow);
            if (count < BaselineMinCount)
            {
                continue;
            }

            var spend = TransactionWindow.Totals(s, Window, currency).SpendMinor;
            var average = sum / count;
            var floor = FloorMinor.For(currency);
            if (spend >= floor && spend > average * Multiple)
            {
                context.Fire(Weight, Code,
                    ("windowSpendMinor", I(spend)), ("averagePurchaseMinor", I(average)), ("multiple", I(Multiple)),
                    ("floorMinor", I(floor)), ("baselineTransactions", I(count)), ("baselineDays", I(BaselineWindow.TotalDays)),
                    ("windowMinutes", Minutes(Window)), ("currency", currency));
                return;
            }
        }
    }

    private static TimeSpan ReadBaselineWindow(YamlMap m)
    {
        var window = m.Duration("baselineWindow", TimeSpan.FromDays(1), TimeSpan.FromDays(StateLimits.BaselineDays));
        if (window.Ticks % TimeSpan.TicksPerDay != 0)
        {
            m.Error("baselineWindow", $"must be whole days (the baseline keeps daily totals), was {Durations.Format(window)}");
        }

        return window;
    }
}
