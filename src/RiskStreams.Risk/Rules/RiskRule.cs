namespace RiskStreams.Risk.Rules;

/// <summary>One scored rule of a <see cref="RiskPolicy"/>, keyed in the policy file by its reason code.</summary>
/// <param name="Enabled">Whether the rule is scored. A disabled rule keeps its validated parameters.</param>
public abstract record RiskRule(bool Enabled)
{
    /// <summary>The reason code (<see cref="ReasonCodes"/>) the rule gives when it fires.</summary>
    public abstract string Code { get; }
}
