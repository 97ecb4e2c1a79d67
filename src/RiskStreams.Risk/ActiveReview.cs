namespace RiskStreams.Risk;

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
