namespace RiskStreams.Risk.Internal;

/// <summary>Folds one event into an account's features, in event time, keeping the state bounded.</summary>
internal static class FeatureUpdater
{
    /// <summary>Moves the account's clock to <paramref name="streamTimeMs"/> (never backwards) and drops what has aged out.</summary>
    public static void AdvanceClock(AccountRiskState state, long streamTimeMs)
    {
        state.StreamTimeMs = Math.Max(state.StreamTimeMs, streamTimeMs);
        TransactionWindow.Age(state);
        PruneLoginFailures(state);
        PruneBills(state);
        PruneAppliedEvents(state);
    }

    /// <summary>Keeps the dedupe memory within <see cref="StateLimits.DedupeHorizon"/> and <see cref="StateLimits.MaxRememberedEvents"/>.</summary>
    public static void PruneAppliedEvents(AccountRiskState state)
    {
        var from = state.StreamTimeMs - StateLimits.Ms(StateLimits.DedupeHorizon);
        var applied = state.AppliedEvents;
        var drop = 0;
        while (drop < applied.Count && (applied[drop].AtMs < from || applied.Count - drop > StateLimits.MaxRememberedEvents))
        {
            drop++;
        }

        applied.RemoveRange(0, drop);
    }

    public static void Apply(AccountRiskState state, AccountEvent e, RiskPolicy policy)
    {
        state.StreamTimeMs = Math.Max(state.StreamTimeMs, e.OccurredAtMs);
        switch (e)
        {
            case LoginEvent login:
                ApplyLogin(state, login, policy);

                // Only events that reached the account say where it is used; failed attempts and declines do not.
                if (login.Success)
                {
                    TrackLocation(state, login.OccurredAtMs, login.Location, login.Country, policy);
                }

                break;
            case TransactionEvent txn:
                if (!txn.Refund)
                {
                    TransactionWindow.Add(state, new AccountRiskState.TxnSample(txn.OccurredAtMs, Math.Max(0, txn.AmountMinor),
                        StableHash.Of(txn.MerchantId ?? ""), txn.Approved, txn.CashAdvance, txn.Currency ?? ""));
                }

                if (txn.Approved)
                {
                    TrackLocation(state, txn.OccurredAtMs, txn.Location, txn.Country, policy);
                }

                break;
            case RepaymentEvent repayment:
                ApplyRepayment(state, repayment);
                break;
        }

        EntitySignalUpdater.Apply(state, e, policy);
        PruneLoginFailures(state);
        PruneBills(state);
    }

    private static void ApplyLogin(AccountRiskState state, LoginEvent login, RiskPolicy policy)
    {
        if (!login.Success)
        {
            var times = state.LoginFailureTimes;
            var at = times.Count;
            while (at > 0 && times[at - 1] > login.OccurredAtMs)
            {
                at--;
            }

            times.Insert(at, login.OccurredAtMs);
            return;
        }

        var rule = policy.Rules.NewDevice;
        var known = state.KnownDevices.Remove(login.DeviceId);
        if (!known && state.KnownDevices.Count > 0 && !(rule.MfaExempts && login.MfaUsed))
        {
            state.NewDeviceSignal = new AccountRiskState.DeviceSignal(login.OccurredAtMs, login.DeviceId);
        }

        // Most recently used last; the least recently used device is forgotten when the set is full.
        state.KnownDevices.Add(login.DeviceId);
        while (state.KnownDevices.Count > rule.MaxKnownDevices)
        {
            state.KnownDevices.RemoveAt(0);
        }
    }

    private static void ApplyRepayment(AccountRiskState state, RepaymentEvent r)
    {
        var held = state.Bills.TryGetValue(r.BillId, out var bill) ? bill : null;

        // A record older than the bill retention about a bill we no longer hold cannot be told apart from
        // one we already settled and forgot; it is ignored rather than resurrect a paid bill as overdue.
        if (held is null && r.OccurredAtMs < state.StreamTimeMs - StateLimits.Ms(StateLimits.BillRetention))
        {
            return;
        }

        if (r is { OutstandingMinor: { } outstanding, CreditLimitMinor: > 0 and var limit }
            && (state.Utilization is null || state.Utilization.AtMs <= r.OccurredAtMs))
        {
            state.Utilization = new AccountRiskState.UtilizationFix(r.OccurredAtMs, outstanding, limit);
        }

        // A payment settles the bill whenever it is synced, even if an "overdue" record with a later
        // ledger time arrived first (the overdue state only meant the payment had not been seen yet).
        // Otherwise event time decides: a late record older than what we hold changes nothing.
        if (held is not null)
        {
            var stale = held.State == BillState.Paid
                ? r.State != BillState.Paid || held.OccurredAtMs > r.OccurredAtMs
                : r.State != BillState.Paid && held.OccurredAtMs > r.OccurredAtMs;
            if (stale)
            {
                return;
            }
        }

        state.Bills[r.BillId] = new AccountRiskState.BillSnapshot(r.OccurredAtMs, r.State, r.DaysPastDue, r.DueDateMs, r.AmountDueMinor, r.AmountPaidMinor);
    }

    private static void PruneLoginFailures(AccountRiskState state)
    {
        var from = state.StreamTimeMs - StateLimits.Ms(StateLimits.DetailHorizon);
        var times = state.LoginFailureTimes;
        var drop = 0;
        while (drop < times.Count && (times[drop] < from || times.Count - drop > StateLimits.MaxLoginFailures))
        {
            drop++;
        }

        times.RemoveRange(0, drop);
    }

    private static void PruneBills(AccountRiskState state)
    {
        if (state.Bills.Count == 0)
        {
            return;
        }

        // Overdue bills stay until a record settles them; the rest are history once old enough.
        var from = state.StreamTimeMs - StateLimits.Ms(StateLimits.BillRetention);
        foreach (var id in state.Bills.Where(b => !b.Value.IsOverdue && b.Value.OccurredAtMs < from).Select(b => b.Key).ToList())
        {
            state.Bills.Remove(id);
        }

        // Beyond the cap, settled bills go first (oldest first), then the least overdue: the most overdue ones decide.
        var excess = state.Bills.Count - StateLimits.MaxBills;
        if (excess > 0)
        {
            foreach (var id in state.Bills
                .OrderBy(b => b.Value.IsOverdue).ThenBy(b => b.Value.IsOverdue ? b.Value.DaysPastDue : 0).ThenBy(b => b.Value.OccurredAtMs)
                .ThenBy(b => b.Key, StringComparer.Ordinal).Take(excess).Select(b => b.Key).ToList())
            {
                state.Bills.Remove(id);
            }
        }
    }

    private static void TrackLocation(AccountRiskState state, long atMs, GeoPoint? location, string? country, RiskPolicy policy)
    {
        if (location is not { } point)
        {
            return;
        }

        var rule = policy.Rules.ImpossibleTravel;
        if (state.LastLocation is { } last)
        {
            var km = Geo.DistanceKm(last.Point, point);
            var hours = Math.Abs((double)atMs - last.AtMs) / 3_600_000.0;
            var kmh = hours > 0 ? km / hours : double.PositiveInfinity;
            if (km > 0 && km >= rule.MinKm && kmh > rule.MaxKmh)
            {
                state.Travel = new AccountRiskState.TravelSignal(atMs, kmh, km, last.Country, country);
            }

            if (atMs < last.AtMs)
            {
                return;
            }
        }

        state.LastLocation = new AccountRiskState.LocationFix(atMs, point, country);
    }
}
