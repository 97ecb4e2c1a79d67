namespace RiskStreams.Risk;

/// <summary>What an account remembers of reviews and of its own recent changes (bounded: see <c>Internal.StateLimits</c>).</summary>
public sealed partial class AccountRiskState
{
    /// <summary>
    /// Reviews in force, in the order applied: at most one OVERRIDE or UPHOLD (a later review replaces it) and the CLEARs
    /// whose suppression has not ended. Dropped once their end has passed on the account's clock.
    /// </summary>
    public IReadOnlyList<ActiveReview> Reviews => ReviewsInForce;

    /// <summary>The account's latest changes, oldest first, at most <c>StateLimits.MaxHistory</c>.</summary>
    public IReadOnlyList<AccountChange> RecentChanges => History;

    /// <summary>Score of the last change (0 before the first).</summary>
    public int LastScore { get; internal set; }

    /// <summary>The reasons of the last change, with the weight each added to the score (0 for reasons that score nothing).</summary>
    public IReadOnlyList<WeightedReason> LastReasons { get; internal set; } = [];

    /// <summary>The actions of the last change.</summary>
    public IReadOnlyList<RiskAction> LastActions { get; internal set; } = [];

    /// <summary>The account's clock: the latest event time applied (<see cref="long.MinValue"/> before the first).</summary>
    public long ClockMs => StreamTimeMs;

    internal List<ActiveReview> ReviewsInForce { get; } = [];

    internal List<AccountChange> History { get; } = [];
}
