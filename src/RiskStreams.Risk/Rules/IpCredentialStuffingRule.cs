using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.IpCredentialStuffing"/>: a sign-in attempt on the account came from a network address that failed to
/// sign in to many distinct accounts within the window (credential stuffing), each account seeing perhaps one failure, below
/// any per-account threshold. A busy shared address whose sign-ins mostly succeed (a corporate NAT) does not count:
/// failures must be at least <see cref="FailureRatio"/> of its attempts.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of the address aggregate (fixed when the topology starts).</param>
/// <param name="DistinctAccounts">Distinct accounts attempted from the address in the window needed.</param>
/// <param name="FailedLogins">Failed sign-ins from the address in the window needed.</param>
/// <param name="FailureRatio">Failed / all sign-ins from the address in the window needed.</param>
/// <param name="SignalWindow">How long after the attempt the signal keeps counting.</param>
public sealed record IpCredentialStuffingRule(
    bool Enabled, int Weight, TimeSpan Window, int DistinctAccounts, int FailedLogins, double FailureRatio, TimeSpan SignalWindow)
    : RiskRule(Enabled), IEntityRule
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.IpCredentialStuffing, 120, [.. RuleParameters.Common, "window", "distinctAccounts", "failedLogins", "failureRatio", "signalWindow"],
        m => new IpCredentialStuffingRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m),
            m.Int("distinctAccounts", 2, EntityWindow.ExactDistinctCap), m.Int("failedLogins", 1, 1_000_000), m.Number("failureRatio", 0, 1),
            RuleParameters.SignalWindow(m)),
        new IpCredentialStuffingRule(false, 35, TimeSpan.FromMinutes(10), 10, 20, 0.5, TimeSpan.FromHours(1)),
        [new(ReasonCodes.IpCredentialStuffing,
            "Someone tried to sign in to your account from a network address that failed to sign in to many different accounts within {windowMinutes:duration}, a pattern of automated password guessing. We ask for extra verification to keep your account safe.",
            "有人从一个网络地址尝试登录您的账户，该地址在 {windowMinutes:duration} 内登录大量不同账户均告失败，这是自动化猜测密码的典型特征。为保障您的账户安全，我们需要进行额外验证。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.IpCredentialStuffing;

    /// <inheritdoc />
    EntityWindowSummary? IEntityRule.Qualifying(AccountEvent e) =>
        e is LoginEvent { Entity.Ip: { } w } && w.FailedLogins >= FailedLogins && w.DistinctAccounts >= DistinctAccounts
            && w.Events > 0 && (double)w.FailedLogins / w.Events >= FailureRatio
            ? w
            : null;

    internal override void Evaluate(RuleContext context)
    {
        if (EntitySignalUpdater.Active(context.State, Code, SignalWindow) is { } signal)
        {
            var w = signal.Window;
            context.Fire(Weight, Code, EntitySignalUpdater.Evidence(signal, ("threshold", I(DistinctAccounts)), ("failedLogins", I(w.FailedLogins)),
                ("failedLoginsThreshold", I(FailedLogins)), ("failureRatio", Ratio(w.Events == 0 ? 0 : (double)w.FailedLogins / w.Events)),
                ("failureRatioThreshold", Ratio(FailureRatio))));
        }
    }
}
