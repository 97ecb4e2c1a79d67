namespace RiskStreams.Risk.Internal;

/// <summary>Keeps an account's recent changes and the picture of its last one (reasons with weights, score, actions).</summary>
internal static class ChangeHistory
{
    public static void Record(AccountRiskState state, LevelChange change, string? reviewId, IReadOnlyList<int> weights)
    {
        state.History.Add(new AccountChange(change.Version, change.PreviousLevel, change.Level, change.Score, change.EventTimeMs,
            [.. change.Reasons.Select(r => r.Code)], reviewId, change.TriggeringStream));
        if (state.History.Count > StateLimits.MaxHistory)
        {
            state.History.RemoveRange(0, state.History.Count - StateLimits.MaxHistory);
        }

        state.LastScore = change.Score;
        state.LastReasons = [.. change.Reasons.Select((r, i) => new WeightedReason(r.Code, i < weights.Count ? weights[i] : 0, [.. r.Evidence]))];
        state.LastActions = [.. change.Actions];
    }
}
