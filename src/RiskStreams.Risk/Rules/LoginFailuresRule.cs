using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.LoginFailures"/>: many failed logins in a short window.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window for counting failed logins.</param>
/// <param name="Threshold">Failed logins in the window that fire the rule.</param>
public sealed record LoginFailuresRule(bool Enabled, int Weight, TimeSpan Window, int Threshold) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.LoginFailures, 10, [.. RuleParameters.Common, "window", "threshold"],
        m => new LoginFailuresRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m), m.Int("threshold", 1, 10_000)),
        new LoginFailuresRule(false, 30, TimeSpan.FromMinutes(10), 5),
        [new(ReasonCodes.LoginFailures,
            "We saw {failedLogins} failed sign-in attempts on your account within {windowMinutes:duration}.",
            "您的账户在 {windowMinutes:duration} 内出现了 {failedLogins} 次登录失败。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.LoginFailures;

    internal override void Evaluate(RuleContext context)
    {
        var now = context.Now;
        var from = now - StateLimits.Ms(Window);
        var count = 0;
        foreach (var t in context.State.LoginFailureTimes)
        {
            count += t >= from && t <= now ? 1 : 0;
        }

        if (count >= Threshold)
        {
            context.Fire(Weight, Code, ("failedLogins", I(count)), ("threshold", I(Threshold)), ("windowMinutes", Minutes(Window)));
        }
    }
}
