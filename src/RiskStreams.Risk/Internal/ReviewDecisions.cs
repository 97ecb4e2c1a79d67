using System.Reflection;

namespace RiskStreams.Risk.Internal;

/// <summary>The reviews in force on an account (<see cref="AccountRiskState.Reviews"/>): what they suppress, hold or pin, and when they end.</summary>
internal static class ReviewDecisions
{
    /// <summary>
    /// Reason codes a CLEAR may suppress: every code of <see cref="ReasonCodes"/> that a rule or the assessment fires. The codes
    /// of decisions themselves (clearing, repayment received, reviews) are not signals and cannot be suppressed.
    /// </summary>
    public static IReadOnlySet<string> SuppressibleCodes { get; } = typeof(ReasonCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .Except([ReasonCodes.RepaymentReceived, ReasonCodes.RiskCleared, ReasonCodes.ReviewCleared, ReasonCodes.ReviewUpheld,
            ReasonCodes.ReviewOverride, ReasonCodes.ReviewOverrideEnded], StringComparer.Ordinal)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a CLEAR in force suppresses <paramref name="code"/> at the account's clock.</summary>
    public static bool Suppressed(AccountRiskState state, string code)
    {
        foreach (var review in state.ReviewsInForce)
        {
            if (review.Suppresses(code, state.StreamTimeMs))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The OVERRIDE held (even one whose end has passed but that <see cref="Expire"/> has not yet removed), or null.</summary>
    public static ActiveReview? Override(AccountRiskState state) => Governing(state, ReviewOutcome.Override);

    /// <summary>The UPHOLD whose hold has not ended at the account's clock, or null.</summary>
    public static ActiveReview? Hold(AccountRiskState state) =>
        Governing(state, ReviewOutcome.Uphold) is { } hold && hold.UntilMs > state.StreamTimeMs ? hold : null;

    /// <summary>True when the review <paramref name="reviewId"/> is in force or caused one of the changes remembered.</summary>
    public static bool Known(AccountRiskState state, string reviewId) =>
        state.ReviewsInForce.Exists(r => r.ReviewId == reviewId) || state.History.Exists(c => c.ReviewId == reviewId);

    /// <summary>Drops the reviews whose end has passed on the account's clock; returns the OVERRIDE among them, if any.</summary>
    public static ActiveReview? Expire(AccountRiskState state)
    {
        ActiveReview? ended = null;
        var now = state.StreamTimeMs;
        state.ReviewsInForce.RemoveAll(r =>
        {
            if (r.UntilMs > now)
            {
                return false;
            }

            if (r.Outcome == ReviewOutcome.Override)
            {
                ended = r;
            }

            return true;
        });
        return ended;
    }

    /// <summary>
    /// Puts <paramref name="review"/> in force: it replaces any OVERRIDE or UPHOLD (the latest reviewer's word governs the
    /// level), and a CLEAR also ends them. At most <see cref="StateLimits.MaxReviews"/> stay, the oldest dropped first.
    /// </summary>
    public static void Add(AccountRiskState state, ActiveReview review)
    {
        state.ReviewsInForce.RemoveAll(r => r.Outcome != ReviewOutcome.Clear);
        state.ReviewsInForce.Add(review);
        if (state.ReviewsInForce.Count > StateLimits.MaxReviews)
        {
            state.ReviewsInForce.RemoveRange(0, state.ReviewsInForce.Count - StateLimits.MaxReviews);
        }
    }

    private static ActiveReview? Governing(AccountRiskState state, ReviewOutcome outcome)
    {
        foreach (var review in state.ReviewsInForce)
        {
            if (review.Outcome == outcome)
            {
                return review;
            }
        }

        return null;
    }
}
