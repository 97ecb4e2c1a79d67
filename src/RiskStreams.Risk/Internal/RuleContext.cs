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

    /// <summary>
    /// Adds <paramref name="weight"/> and a reason with its evidence. The message is left empty: most assessments change
    /// nothing, so messages are rendered only for reasons that go out on a change (<see cref="WithMessage"/>).
    /// </summary>
    /// <remarks>A code a review cleared (<see cref="ReviewDecisions.Suppressed"/>) contributes nothing while suppressed.</remarks>
    public void Fire(int weight, string code, params (string Key, string Value)[] evidence)
    {
        if (!ReviewDecisions.Suppressed(State, code))
        {
            Card.Add(weight, new RiskReason(code, "", Pairs(evidence)));
        }
    }

    /// <summary>A reason with evidence in the given order and its message in the policy's locale.</summary>
    public static RiskReason Reason(RiskPolicy policy, string code, params (string Key, string Value)[] evidence) =>
        WithMessage(policy, new RiskReason(code, "", Pairs(evidence)));

    /// <summary><paramref name="reason"/> with its message rendered in the policy's locale (policy overrides first).</summary>
    public static RiskReason WithMessage(RiskPolicy policy, RiskReason reason)
    {
        var overrides = policy.Messages.TryGetValue(policy.Locale, out var own) ? own : null;
        return reason with { Message = ReasonMessages.Render(reason.Code, reason.Evidence, policy.Locale, overrides) };
    }

    private static KeyValuePair<string, string>[] Pairs((string Key, string Value)[] evidence)
    {
        var pairs = new KeyValuePair<string, string>[evidence.Length];
        for (var i = 0; i < evidence.Length; i++)
        {
            pairs[i] = KeyValuePair.Create(evidence[i].Key, evidence[i].Value);
        }

        return pairs;
    }
}
