namespace RiskStreams.Risk.Internal;

/// <summary>
/// Keeps the account's entity signals: an event whose entity window meets an entity rule's thresholds leaves a signal (the
/// latest per reason code), which the rule scores for its signal window. Signals older than the longest signal window allowed
/// are dropped, so at most one per entity rule is ever kept.
/// </summary>
internal static class EntitySignalUpdater
{
    /// <summary>Most signals one state may hold (one per entity rule, with room for rules added later).</summary>
    public const int MaxSignals = 8;

    public static void Apply(AccountRiskState state, AccountEvent e, RiskPolicy policy)
    {
        var expiredBefore = state.StreamTimeMs - StateLimits.Ms(RuleParameters.MaxSignalWindow);
        state.EntitySignals.RemoveAll(s => s.AtMs < expiredBefore);
        if (e.Entity is null)
        {
            return;
        }

        foreach (var rule in policy.Rules.All)
        {
            if (rule is IEntityRule entityRule && entityRule.Qualifying(e) is { } window)
            {
                var at = state.EntitySignals.FindIndex(s => s.Code == entityRule.Code);
                var signal = new EntitySignal(entityRule.Code, e.OccurredAtMs, window);
                if (at < 0)
                {
                    state.EntitySignals.Add(signal);
                }
                else if (state.EntitySignals[at].AtMs <= e.OccurredAtMs)
                {
                    state.EntitySignals[at] = signal;
                }
            }
        }

        state.EntitySignals.Sort((a, b) => string.CompareOrdinal(a.Code, b.Code));
        if (state.EntitySignals.Count > MaxSignals)
        {
            state.EntitySignals.RemoveRange(MaxSignals, state.EntitySignals.Count - MaxSignals);
        }
    }

    /// <summary>The signal of <paramref name="code"/> if it is at most <paramref name="signalWindow"/> old on the account's clock.</summary>
    public static EntitySignal? Active(AccountRiskState state, string code, TimeSpan signalWindow)
    {
        foreach (var s in state.EntitySignals)
        {
            if (s.Code == code && state.StreamTimeMs - s.AtMs <= StateLimits.Ms(signalWindow))
            {
                return s;
            }
        }

        return null;
    }

    /// <summary>Evidence every entity reason carries: the entity's tag, its distinct accounts and the window.</summary>
    public static (string Key, string Value)[] Evidence(EntitySignal signal, params (string Key, string Value)[] more)
    {
        var w = signal.Window;
        return
        [
            ("entity", w.EntityTag), ("distinctAccounts", Scorecard.I(w.DistinctAccounts)), ("distinctAccountsExact", w.DistinctExact ? "true" : "false"),
            .. more, ("windowMinutes", Scorecard.I(TimeSpan.FromMilliseconds(w.WindowMs).TotalMinutes)), ("seenAt", Scorecard.Iso(signal.AtMs)),
        ];
    }
}
