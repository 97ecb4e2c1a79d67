namespace RiskStreams.Risk.Internal;

/// <summary>A rule fed by the cross-account view of events (<see cref="AccountEvent.Entity"/>) rather than the account's own history.</summary>
internal interface IEntityRule
{
    /// <summary>The reason code.</summary>
    string Code { get; }

    /// <summary>The entity window of <paramref name="e"/> when it meets the rule's thresholds (kept as a signal), else null.</summary>
    EntityWindowSummary? Qualifying(AccountEvent e);
}
