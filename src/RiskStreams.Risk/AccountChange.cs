namespace RiskStreams.Risk;

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
