namespace RiskStreams.Risk.Rules;

/// <summary>The scored rules of a <see cref="RiskPolicy"/>, one per reason code, in the order reasons are listed on a change.</summary>
public sealed class PolicyRules : IEquatable<PolicyRules>
{
    private readonly RiskRule[] _rules;

    /// <summary>Creates the set from one rule per reason code.</summary>
    /// <exception cref="ArgumentException">Two rules share a reason code.</exception>
    public PolicyRules(IEnumerable<RiskRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        if (_rules.GroupBy(r => r.Code).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            throw new ArgumentException($"Reason code {duplicate.Key} has more than one rule.", nameof(rules));
        }
    }

    /// <summary>Every rule, in the order reasons are listed on a change.</summary>
    public IReadOnlyList<RiskRule> All => _rules;

    /// <summary>How many rules are enabled.</summary>
    public int EnabledCount => _rules.Count(r => r.Enabled);

    /// <summary><see cref="ReasonCodes.LoginFailures"/>.</summary>
    public LoginFailuresRule LoginFailures => Get<LoginFailuresRule>();

    /// <summary><see cref="ReasonCodes.NewDevice"/>.</summary>
    public NewDeviceRule NewDevice => Get<NewDeviceRule>();

    /// <summary><see cref="ReasonCodes.ImpossibleTravel"/>.</summary>
    public ImpossibleTravelRule ImpossibleTravel => Get<ImpossibleTravelRule>();

    /// <summary><see cref="ReasonCodes.SpendSpike"/>.</summary>
    public SpendSpikeRule SpendSpike => Get<SpendSpikeRule>();

    /// <summary><see cref="ReasonCodes.TxnVelocity"/>.</summary>
    public TxnVelocityRule TxnVelocity => Get<TxnVelocityRule>();

    /// <summary><see cref="ReasonCodes.SmallTxnProbing"/>.</summary>
    public SmallTxnProbingRule SmallTxnProbing => Get<SmallTxnProbingRule>();

    /// <summary><see cref="ReasonCodes.HighDeclineRate"/>.</summary>
    public HighDeclineRateRule HighDeclineRate => Get<HighDeclineRateRule>();

    /// <summary><see cref="ReasonCodes.CashAdvanceSurge"/>.</summary>
    public CashAdvanceSurgeRule CashAdvanceSurge => Get<CashAdvanceSurgeRule>();

    /// <summary><see cref="ReasonCodes.HighUtilization"/>.</summary>
    public HighUtilizationRule HighUtilization => Get<HighUtilizationRule>();

    /// <summary><see cref="ReasonCodes.RepaymentOverdue"/>.</summary>
    public RepaymentOverdueRule RepaymentOverdue => Get<RepaymentOverdueRule>();

    /// <summary>The rule of type <typeparamref name="TRule"/>.</summary>
    /// <exception cref="InvalidOperationException">The set holds no such rule.</exception>
    public TRule Get<TRule>()
        where TRule : RiskRule =>
        _rules.OfType<TRule>().FirstOrDefault() ?? throw new InvalidOperationException($"The policy has no {typeof(TRule).Name}.");

    /// <summary>A copy with <paramref name="rule"/> in place of the rule of the same reason code.</summary>
    public PolicyRules With(RiskRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new PolicyRules(_rules.Select(r => r.Code == rule.Code ? rule : r));
    }

    /// <inheritdoc />
    public bool Equals(PolicyRules? other) => other is not null && _rules.SequenceEqual(other._rules);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PolicyRules);

    /// <inheritdoc />
    public override int GetHashCode() => _rules.Length;
}
