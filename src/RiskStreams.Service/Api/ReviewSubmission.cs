namespace RiskStreams.Service.Api;

/// <summary>
/// The body of <c>POST /reviews</c>: a <c>ReviewDecision</c> without <c>reviewId</c> and <c>decidedAt</c>, which the
/// service assigns. Enum values as in the contract (<c>APPEAL</c>, <c>CLEAR</c>, <c>RESTRICTED</c>...).
/// </summary>
internal sealed record ReviewSubmission(
    string? AccountId,
    string? Reviewer,
    string? Kind,
    string? Outcome,
    string? Level,
    DateTimeOffset? ValidUntil,
    IReadOnlyList<string>? SuppressReasons,
    string? Note,
    string? RelatedChangeId)
{
    public static readonly string[] Kinds = ["APPEAL", "MANUAL_REVIEW"];
    public static readonly string[] Outcomes = ["CLEAR", "UPHOLD", "OVERRIDE"];
    public static readonly string[] Levels = ["NORMAL", "WATCH", "RESTRICTED", "SUSPENDED"];

    /// <summary>What is wrong with the submission, or null when it can be produced.</summary>
    public string? Problem()
    {
        if (string.IsNullOrWhiteSpace(AccountId) || AccountId.Length > 128)
        {
            return "accountId is required (at most 128 characters).";
        }

        if (string.IsNullOrWhiteSpace(Reviewer) || Reviewer.Length > 128)
        {
            return "reviewer is required (an opaque staff id, at most 128 characters).";
        }

        if (!Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            return $"kind must be one of {string.Join(", ", Kinds)}.";
        }

        if (!Outcomes.Contains(Outcome, StringComparer.Ordinal))
        {
            return $"outcome must be one of {string.Join(", ", Outcomes)}.";
        }

        if (Outcome == "OVERRIDE" ? !Levels.Contains(Level, StringComparer.Ordinal) : Level is not null)
        {
            return $"level is required for OVERRIDE (one of {string.Join(", ", Levels)}) and not allowed otherwise.";
        }

        if (SuppressReasons is { } reasons && (reasons.Count > 32 || reasons.Any(r => string.IsNullOrWhiteSpace(r) || r.Length > 64)))
        {
            return "suppressReasons must be at most 32 reason codes.";
        }

        return Note is { Length: > 2000 } ? "note must be at most 2000 characters." : null;
    }
}
