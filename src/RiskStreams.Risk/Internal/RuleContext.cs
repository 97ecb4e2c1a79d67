namespace RiskStreams.Risk.Internal;

/// <summary>What a rule evaluates against: the account's state, sync coverage and the policy; fired rules go on the scorecard.</summary>
internal sealed class RuleContext(AccountRiskState state, ISyncCoverage coverage, RiskPolicy policy)
{
    private OverdueScan? _overdue;

    public AccountRiskState State { get; } = state;

    public ISyncCoverage Coverage { get; } = coverage;

    public RiskPolicy Policy { get; } = policy;

    public Scorecard Card { get; } = new();

    /// <summary>The account's clock.</summary>
    public long Now => State.StreamTimeMs;

    /// <summary>The account's overdue bills split into confirmed and awaiting sync (computed once per assessment).</summary>
    public OverdueScan Overdue => _overdue ??= OverdueScan.Of(State, Coverage, Policy);

    /// <summary>Adds <paramref name="weight"/> and a reason whose message is rendered from the template of <paramref name="code"/>.</summary>
    public void Fire(int weight, string code, params (string Key, string Value)[] evidence) =>
        Card.Add(weight, Reason(Policy, code, evidence));

    /// <summary>A reason with evidence in the given order and its message in the policy's locale.</summary>
    public static RiskReason Reason(RiskPolicy policy, string code, params (string Key, string Value)[] evidence)
    {
        IReadOnlyList<KeyValuePair<string, string>> pairs = [.. evidence.Select(e => KeyValuePair.Create(e.Key, e.Value))];
        var overrides = policy.Messages.TryGetValue(policy.Locale, out var own) ? own : null;
        return new RiskReason(code, ReasonMessages.Render(code, pairs, policy.Locale, overrides), pairs);
    }
}
