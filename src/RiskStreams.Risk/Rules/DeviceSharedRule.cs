using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// <see cref="ReasonCodes.DeviceShared"/>: the account signed in from a device that many distinct accounts signed in from within
/// the window (a device farm or an account-takeover ring). A device whose logins in the window all passed MFA — a family
/// tablet, say — does not count when <see cref="MfaExempts"/>.
/// </summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="Window">Sliding window of the device aggregate (fixed when the topology starts).</param>
/// <param name="DistinctAccounts">Distinct accounts on the device in the window that fire the rule.</param>
/// <param name="MfaExempts">True when a device whose logins in the window all succeeded with MFA does not count.</param>
/// <param name="SignalWindow">How long after the login the signal keeps counting.</param>
public sealed record DeviceSharedRule(bool Enabled, int Weight, TimeSpan Window, int DistinctAccounts, bool MfaExempts, TimeSpan SignalWindow)
    : RiskRule(Enabled), IEntityRule
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.DeviceShared, 110, [.. RuleParameters.Common, "window", "distinctAccounts", "mfaExempts", "signalWindow"],
        m => new DeviceSharedRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), RuleParameters.Window(m),
            m.Int("distinctAccounts", 2, EntityWindow.ExactDistinctCap), m.Bool("mfaExempts"), RuleParameters.SignalWindow(m)),
        new DeviceSharedRule(false, 45, TimeSpan.FromHours(24), 5, true, TimeSpan.FromHours(24)),
        [new(ReasonCodes.DeviceShared,
            "Your account was signed in to from a device that was used to sign in to many different accounts within {windowMinutes:duration}. We ask for extra verification to keep your account safe.",
            "您的账户在一台于 {windowMinutes:duration} 内被用于登录大量不同账户的设备上登录。为保障您的账户安全，我们需要进行额外验证。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.DeviceShared;

    /// <inheritdoc />
    EntityWindowSummary? IEntityRule.Qualifying(AccountEvent e) =>
        e is LoginEvent { Entity.Device: { } w } && w.DistinctAccounts >= DistinctAccounts && !(MfaExempts && w.FailedLogins == 0 && w.UnverifiedLogins == 0)
            ? w
            : null;

    internal override void Evaluate(RuleContext context)
    {
        if (EntitySignalUpdater.Active(context.State, Code, SignalWindow) is { } signal)
        {
            context.Fire(Weight, Code, EntitySignalUpdater.Evidence(signal, ("threshold", I(DistinctAccounts)), ("logins", I(signal.Window.Events)),
                ("failedLogins", I(signal.Window.FailedLogins))));
        }
    }
}
