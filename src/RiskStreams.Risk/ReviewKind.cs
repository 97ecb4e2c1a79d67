namespace RiskStreams.Risk;

/// <summary>Why a human looked at an account.</summary>
public enum ReviewKind
{
    /// <summary>The customer appealed a decision; the outcome is always told to the customer.</summary>
    Appeal,

    /// <summary>A review staff opened themselves (for example on <see cref="RiskAction.OpenManualReview"/>).</summary>
    ManualReview,
}
