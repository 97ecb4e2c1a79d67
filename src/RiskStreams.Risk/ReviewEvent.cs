namespace RiskStreams.Risk;

/// <summary>
/// A human decision on an account (the <c>account.reviews</c> stream): <see cref="AccountEvent.EventId"/> is the review id,
/// <see cref="AccountEvent.OccurredAtMs"/> the time of the decision. The reviewer's free-text note is deliberately not part
/// of the domain's view, so it can never reach a reason, a customer message or a change.
/// </summary>
/// <param name="EventId">The review id (idempotency key; carried in the evidence of the changes it causes).</param>
/// <param name="AccountId">The account reviewed.</param>
/// <param name="OccurredAtMs">When the reviewer decided (epoch ms).</param>
/// <param name="Reviewer">Opaque staff id, not a name.</param>
/// <param name="Kind">Appeal or manual review.</param>
/// <param name="Outcome">Clear, uphold or override.</param>
/// <param name="Level">The level an <see cref="ReviewOutcome.Override"/> sets (required for it, ignored otherwise).</param>
/// <param name="ValidUntilMs">End of the review's effect; the policy's <see cref="ReviewPolicy"/> decides when null.</param>
/// <param name="SuppressReasons">Reason codes judged false (for a clear); empty: the codes active at the clear.</param>
/// <param name="RelatedChangeId">The change the review answers (<c>{accountId}:{version}</c>), if any.</param>
public sealed record ReviewEvent(
    string EventId, string AccountId, long OccurredAtMs, string Reviewer, ReviewKind Kind, ReviewOutcome Outcome,
    RiskLevel? Level, long? ValidUntilMs, IReadOnlyList<string> SuppressReasons, string? RelatedChangeId)
    : AccountEvent(EventId, AccountId, OccurredAtMs)
{
    /// <summary>The stream name of review decisions.</summary>
    public const string StreamName = "reviews";

    /// <inheritdoc />
    public override string Stream => StreamName;

    /// <summary>Value equality, <see cref="SuppressReasons"/> compared element by element.</summary>
    public bool Equals(ReviewEvent? other) =>
        other is not null && base.Equals(other) && Reviewer == other.Reviewer && Kind == other.Kind && Outcome == other.Outcome
        && Level == other.Level && ValidUntilMs == other.ValidUntilMs && SuppressReasons.SequenceEqual(other.SuppressReasons)
        && RelatedChangeId == other.RelatedChangeId;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Outcome, ValidUntilMs);
}
