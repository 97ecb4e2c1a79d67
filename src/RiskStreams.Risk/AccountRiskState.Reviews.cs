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

/// <summary>A review still acting on an account.</summary>
/// <param name="ReviewId">The review's id.</param>
/// <param name="Kind">Appeal or manual review.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Level">The level an OVERRIDE set (null otherwise).</param>
/// <param name="DecidedAtMs">When it was decided.</param>
/// <param name="UntilMs">When its effect ends: the OVERRIDE's end, the UPHOLD's hold, the CLEAR's suppression.</param>
/// <param name="SuppressReasons">The reason codes a CLEAR suppresses (empty otherwise).</param>
public sealed record ActiveReview(
    string ReviewId, ReviewKind Kind, ReviewOutcome Outcome, RiskLevel? Level, long DecidedAtMs, long UntilMs, IReadOnlyList<string> SuppressReasons)
{
    /// <summary>True when this review suppresses <paramref name="code"/> at <paramref name="atMs"/>.</summary>
    public bool Suppresses(string code, long atMs) =>
        Outcome == ReviewOutcome.Clear && atMs < UntilMs && SuppressReasons.Contains(code, StringComparer.Ordinal);

    /// <summary>Value equality, <see cref="SuppressReasons"/> compared element by element.</summary>
    public bool Equals(ActiveReview? other) =>
        other is not null && ReviewId == other.ReviewId && Kind == other.Kind && Outcome == other.Outcome && Level == other.Level
        && DecidedAtMs == other.DecidedAtMs && UntilMs == other.UntilMs && SuppressReasons.SequenceEqual(other.SuppressReasons);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReviewId, Outcome, UntilMs);
}

/// <summary>One of an account's recent changes, as its history keeps it.</summary>
/// <param name="Version">The change's version.</param>
/// <param name="PreviousLevel">Level before.</param>
/// <param name="Level">Level after (equal to <paramref name="PreviousLevel"/> for an UPHOLD).</param>
/// <param name="Score">Score of the change.</param>
/// <param name="EventTimeMs">Event time of what triggered it.</param>
/// <param name="ReasonCodes">Codes of its reasons, in order.</param>
/// <param name="ReviewId">The review that caused it, or null.</param>
/// <param name="TriggeringStream">The stream of what triggered it.</param>
public sealed record AccountChange(
    long Version, RiskLevel PreviousLevel, RiskLevel Level, int Score, long EventTimeMs, IReadOnlyList<string> ReasonCodes, string? ReviewId,
    string TriggeringStream)
{
    /// <summary>Value equality, <see cref="ReasonCodes"/> compared element by element.</summary>
    public bool Equals(AccountChange? other) =>
        other is not null && Version == other.Version && PreviousLevel == other.PreviousLevel && Level == other.Level && Score == other.Score
        && EventTimeMs == other.EventTimeMs && ReasonCodes.SequenceEqual(other.ReasonCodes) && ReviewId == other.ReviewId
        && TriggeringStream == other.TriggeringStream;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Level, EventTimeMs);
}

/// <summary>A reason of the last change with the weight it added to the score.</summary>
/// <param name="Code">Reason code.</param>
/// <param name="Weight">Score it added (0 for reasons that score nothing, such as review or clearing reasons).</param>
/// <param name="Evidence">Its evidence, in the reason's key order.</param>
public sealed record WeightedReason(string Code, int Weight, IReadOnlyList<KeyValuePair<string, string>> Evidence)
{
    /// <summary>Value equality, <see cref="Evidence"/> compared element by element.</summary>
    public bool Equals(WeightedReason? other) =>
        other is not null && Code == other.Code && Weight == other.Weight && Evidence.SequenceEqual(other.Evidence);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, Weight);
}
