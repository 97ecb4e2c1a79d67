using System.Globalization;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// The rules a <see cref="ReviewEvent"/> must keep (<see cref="AccountEventValidator"/>): <c>required</c> (reviewer; the
/// level of an OVERRIDE), <c>too-long</c> (reviewer up to <see cref="MaxReviewerLength"/>, relatedChangeId up to the id limit),
/// <c>time-order</c> (validUntil after decidedAt), <c>too-many</c> (at most <see cref="StateLimits.MaxSuppressReasons"/>
/// suppressed codes), <c>unknown-reason-code</c> (each suppressed code a signal of the reason catalogue).
/// </summary>
internal static class ReviewValidation
{
    /// <summary>Longest reviewer id (an opaque staff id, not a name).</summary>
    public const int MaxReviewerLength = 64;

    public static EventRejection? Check(ReviewEvent r, EventLimits limits)
    {
        if (string.IsNullOrWhiteSpace(r.Reviewer))
        {
            return new("reviewer", "required", "reviewer is required and was empty");
        }

        if (r.Reviewer.Length > MaxReviewerLength)
        {
            return new("reviewer", "too-long", F($"reviewer is {r.Reviewer.Length} characters long, at most {MaxReviewerLength} allowed"));
        }

        if (r.Outcome == ReviewOutcome.Override && r.Level is null)
        {
            return new("level", "required", "an OVERRIDE needs the level it sets");
        }

        if (r.ValidUntilMs is { } until && until <= r.OccurredAtMs)
        {
            return new("validUntil", "time-order", F($"validUntil ({until} ms) must be after decidedAt ({r.OccurredAtMs} ms)"));
        }

        if (r.RelatedChangeId is { } related && related.Length > limits.MaxIdLength)
        {
            return new("relatedChangeId", "too-long", F($"relatedChangeId is {related.Length} characters long, at most {limits.MaxIdLength} allowed"));
        }

        if (r.SuppressReasons.Count > StateLimits.MaxSuppressReasons)
        {
            return new("suppressReasons", "too-many", F($"at most {StateLimits.MaxSuppressReasons} reason codes may be suppressed, were {r.SuppressReasons.Count}"));
        }

        foreach (var code in r.SuppressReasons)
        {
            if (code is null || !ReviewDecisions.SuppressibleCodes.Contains(code))
            {
                var known = string.Join(", ", ReviewDecisions.SuppressibleCodes.Order(StringComparer.Ordinal));
                return new("suppressReasons", "unknown-reason-code", $"\"{Clip(code)}\" is not a reason code a review can suppress (one of: {known})");
            }
        }

        return null;
    }

    private static string Clip(string? code) => code is null ? "null" : code.Length <= 64 ? code : code[..64] + "…";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
