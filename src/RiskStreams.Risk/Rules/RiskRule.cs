using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk.Rules;

/// <summary>
/// One scored rule of a <see cref="RiskPolicy"/>, keyed in the policy file by its reason code. A rule type holds its
/// parameters, its YAML reader, its evaluation and its reason with message templates (a static <c>Definition</c>);
/// adding a rule is one such type plus its entry in the policy file.
/// </summary>
/// <param name="Enabled">Whether the rule is scored. A disabled rule keeps its validated parameters.</param>
public abstract record RiskRule(bool Enabled)
{
    /// <summary>The reason code (<see cref="ReasonCodes"/>) the rule gives when it fires.</summary>
    public abstract string Code { get; }

    /// <summary>Scores the rule for the account in <paramref name="context"/>; called only when <see cref="Enabled"/>.</summary>
    internal abstract void Evaluate(RuleContext context);
}
