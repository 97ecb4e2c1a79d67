using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk;

/// <summary>Review decisions (<see cref="ReviewEvent"/>): CLEAR, UPHOLD and OVERRIDE, and the end of an OVERRIDE.</summary>
public sealed partial class AccountRiskDecider
{
    /// <summary>
    /// Applies a review: every review not seen before gives exactly one change (the next version), carrying its id in the
    /// evidence of its reason, so the notification system can tell the customer the outcome. A review already in force or in
    /// the account's history changes nothing, however late it is replayed.
    /// </summary>
    private LevelChange? ApplyReview(AccountRiskState state, ReviewEvent review, ISyncCoverage coverage)
    {
        if (ReviewDecisions.Known(state, review.EventId))
        {
            return null;
        }

        FeatureUpdater.AdvanceClock(state, review.OccurredAtMs);
        Remember(state, review);
        ReviewDecisions.Expire(state);
        var trigger = new Trigger(review.EventId, review.Stream, review.OccurredAtMs);
        var before = Assessor.Assess(state, coverage, Policy);
        var at = review.OccurredAtMs;
        var previous = state.Level;
        var id = ("reviewId", review.EventId);
        var kind = ("kind", review.Kind == ReviewKind.Appeal ? "APPEAL" : "MANUAL_REVIEW");
        switch (review.Outcome)
        {
            case ReviewOutcome.Clear:
            {
                var codes = review.SuppressReasons.Count > 0 ? review.SuppressReasons.Distinct(StringComparer.Ordinal).ToList() : ActiveCodes(state, before);
                var until = review.ValidUntilMs ?? Saturating.Add(at, StateLimits.Ms(Policy.Reviews.ClearSuppression));
                ReviewDecisions.Add(state, new ActiveReview(review.EventId, review.Kind, ReviewOutcome.Clear, null, at, until, codes));
                var after = Assessor.Assess(state, coverage, Policy);
                var cleared = RuleContext.Reason(Policy, ReasonCodes.ReviewCleared, id, kind, ("previousLevel", Upper(previous)),
                    ("suppressedReasons", string.Join(',', codes)), ("suppressedUntil", Iso(until)));
                return Change(state, trigger, RiskLevel.Normal, after.Score, [cleared], null, review.EventId, ReviewActions(review, previous, RiskLevel.Normal));
            }

            case ReviewOutcome.Uphold:
            {
                var until = review.ValidUntilMs ?? Saturating.Add(at, StateLimits.Ms(Policy.Reviews.UpholdHold));
                ReviewDecisions.Add(state, new ActiveReview(review.EventId, review.Kind, ReviewOutcome.Uphold, null, at, until, []));
                var upheld = RuleContext.Reason(Policy, ReasonCodes.ReviewUpheld, id, kind, ("level", Upper(previous)), ("heldUntil", Iso(until)));
                return Change(state, trigger, previous, before.Score, [upheld, .. before.Reasons], before, review.EventId,
                    review.Kind == ReviewKind.Appeal ? [RiskAction.NotifyCustomer] : []);
            }

            default:
            {
                // Validation refuses an OVERRIDE without a level; should one get here, it pins the current level.
                var level = review.Level ?? previous;
                var longest = Saturating.Add(at, StateLimits.Ms(Policy.Reviews.MaxOverride));
                var until = Math.Min(review.ValidUntilMs ?? longest, longest);
                ReviewDecisions.Add(state, new ActiveReview(review.EventId, review.Kind, ReviewOutcome.Override, level, at, until, []));
                var overridden = RuleContext.Reason(Policy, ReasonCodes.ReviewOverride, id, kind, ("previousLevel", Upper(previous)),
                    ("level", Upper(level)), ("until", Iso(until)));
                return Change(state, trigger, level, before.Score, [overridden], null, review.EventId, ReviewActions(review, previous, level));
            }
        }
    }

    /// <summary>An OVERRIDE ended: the level the account's features call for applies at once (no cooldown), if it differs.</summary>
    private LevelChange? Resume(AccountRiskState state, Trigger trigger, Assessment assessment, ActiveReview ended)
    {
        state.LevelHeldAtMs = state.StreamTimeMs;
        if (assessment.Level == state.Level)
        {
            return null;
        }

        var reason = RuleContext.Reason(Policy, ReasonCodes.ReviewOverrideEnded, ("reviewId", ended.ReviewId),
            ("overrideLevel", Upper(state.Level)), ("endedAt", Iso(ended.UntilMs)));
        return Change(state, trigger, assessment.Level, assessment.Score, [reason, .. assessment.Reasons], assessment, ended.ReviewId);
    }

    /// <summary>The signals a CLEAR without explicit codes clears: those firing now and those of the last change, in that order.</summary>
    private static List<string> ActiveCodes(AccountRiskState state, Assessment now) =>
        [.. now.Reasons.Select(r => r.Code).Concat(state.LastReasons.Select(r => r.Code))
            .Where(ReviewDecisions.SuppressibleCodes.Contains).Distinct(StringComparer.Ordinal).Take(StateLimits.MaxSuppressReasons)];

    /// <summary>The level change's actions without a new manual review (a human just looked); the customer hears every appeal's outcome.</summary>
    private static List<RiskAction> ReviewActions(ReviewEvent review, RiskLevel previous, RiskLevel level)
    {
        var actions = ActionsFor(previous, level).Where(a => a != RiskAction.OpenManualReview).ToList();
        if (review.Kind == ReviewKind.Appeal && !actions.Contains(RiskAction.NotifyCustomer))
        {
            actions.Insert(0, RiskAction.NotifyCustomer);
        }

        return actions;
    }

    private static string Upper(RiskLevel level) => level.ToString().ToUpperInvariant();
}
