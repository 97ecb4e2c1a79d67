using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.TxnVelocity"/>: unusually many transaction attempts in a short window.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for counting attempts (approved or declined, every currency).</param>
/// <param name="Count">Attempts in the window that fire the rule.</param>
public sealed record TxnVelocityRule(bool Enabled, int Weight, TimeSpan Window, int Count) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.TxnVelocity, 50, [.. RuleParameters.Common, "window", "count"],
        m => new TxnVelocityRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Int("count", 1, 1_000_000)),
        new TxnVelocityRule(false, 30, TimeSpan.FromMinutes(10), 15),
        [new(ReasonCodes.TxnVelocity,
            "There were {transactions} payment attempts on your account within {windowMinutes:duration}, which is unusually many.",
            "您的账户在 {windowMinutes:duration} 内出现了 {transactions} 次支付尝试，次数异常地多。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.TxnVelocity;

    internal override void Evaluate(RuleContext context)
    {
        var v = TransactionWindow.Totals(context.State, Window, null);
        if (v.Count >= Count)
        {
            context.Fire(Weight, Code, ("transactions", I(v.Count)), ("threshold", I(Count)), ("windowMinutes", Minutes(Window)));
        }
    }
}
