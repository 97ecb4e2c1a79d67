using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk;

// TEMPORARY SHIM (branch decisions-topology): the decisions-domain branch gives AccountRiskDecider real instance
// members with these signatures (they win over these extensions); drop this file at merge.

/// <summary>Temporary idempotency and step-down members of <see cref="AccountRiskDecider"/>.</summary>
public static class AccountRiskDeciderShim
{
    extension(AccountRiskDecider decider)
    {
        /// <summary>Whether <paramref name="eventId"/> was already applied to <paramref name="state"/> (this shim remembers none).</summary>
        public bool AlreadyApplied(AccountRiskState state, string eventId)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentNullException.ThrowIfNull(eventId);
            return false;
        }

        /// <summary>When the account's current level may next step down, in stream time; null at NORMAL.</summary>
        public long? NextStepDownCheckMs(AccountRiskState state)
        {
            ArgumentNullException.ThrowIfNull(state);
            if (state.Level == RiskLevel.Normal)
            {
                return null;
            }

            var cooldown = StateLimits.Ms(decider.Policy.Cooldowns.For(state.Level));
            return state.LevelHeldAtMs > long.MaxValue - cooldown ? long.MaxValue : state.LevelHeldAtMs + cooldown;
        }

        /// <summary>
        /// Re-assesses a quiet account at stream time <paramref name="streamTimeMs"/>: the change when its cooldown has passed and its cause has
        /// cleared (this shim leaves <see cref="LevelChange.AccountId"/> empty: the state does not know its account).
        /// </summary>
        public LevelChange? StepDown(AccountRiskState state, long streamTimeMs, ISyncCoverage coverage)
        {
            ArgumentNullException.ThrowIfNull(state);
            ArgumentNullException.ThrowIfNull(coverage);
            if (decider.NextStepDownCheckMs(state) is not { } due || streamTimeMs < due)
            {
                return null;
            }

            state.StreamTimeMs = Math.Max(state.StreamTimeMs, streamTimeMs);
            var assessment = Assessor.Assess(state, coverage, decider.Policy);
            var current = state.Level;
            if (assessment.Level >= current)
            {
                state.LevelHeldAtMs = state.StreamTimeMs;
                return null;
            }

            var cooldown = decider.Policy.Cooldowns.For(current);
            var cleared = Reason(ReasonCodes.RiskCleared, "The activity that led to the earlier change has not recurred.",
                ("previousLevel", current.ToString().ToUpperInvariant()), ("cooldownHours", I(cooldown.TotalHours)),
                ("clearedForHours", I(Math.Round((state.StreamTimeMs - state.LevelHeldAtMs) / 3_600_000.0, 2))));
            state.Level = assessment.Level;
            state.Version++;
            state.LevelSinceMs = state.StreamTimeMs;
            state.LevelHeldAtMs = state.StreamTimeMs;
            return new LevelChange(
                "", state.Version, current, assessment.Level, assessment.Score, [cleared, .. assessment.Reasons],
                AccountRiskDecider.ActionsFor(current, assessment.Level), Appealable: assessment.Level >= RiskLevel.Restricted,
                decider.Policy.Version, $"cooldown-elapsed@{state.StreamTimeMs}", "risk-timer", state.StreamTimeMs);
        }
    }
}
