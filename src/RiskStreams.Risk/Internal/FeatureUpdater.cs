namespace RiskStreams.Risk.Internal;

/// <summary>Folds one event into an account's features, in event time.</summary>
internal static class FeatureUpdater
{
    private const double MinTravelKm = 500;

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
                ApplyTransaction(state, txn, policy);
                if (txn.Approved)
                {
                    TrackLocation(state, txn.OccurredAtMs, txn.Location, txn.Country, policy);
                }

                break;
            case RepaymentEvent repayment:
                ApplyRepayment(state, repayment);
                break;
        }
    }

    private static void ApplyLogin(AccountRiskState state, LoginEvent login, RiskPolicy policy)
    {
        if (!login.Success)
        {
            state.LoginFailureTimes.Add(login.OccurredAtMs);
            Prune(state.LoginFailureTimes, state.StreamTimeMs - (long)policy.LoginFailureWindow.TotalMilliseconds);
            return;
        }

        var known = state.KnownDevices.Remove(login.DeviceId);
        if (!known && state.KnownDevices.Count > 0 && !login.MfaUsed)
        {
            state.NewDeviceSignal = new AccountRiskState.DeviceSignal(login.OccurredAtMs, login.DeviceId);
        }

        // Most recently used last; the oldest device is forgotten when the set is full.
        state.KnownDevices.Add(login.DeviceId);
        if (state.KnownDevices.Count > policy.MaxKnownDevices)
        {
            state.KnownDevices.RemoveAt(0);
        }
    }

    private static void ApplyTransaction(AccountRiskState state, TransactionEvent txn, RiskPolicy policy)
    {
        if (txn.Refund)
        {
            return;
        }

        state.RecentTransactions.Add(new AccountRiskState.TxnSample(txn.OccurredAtMs, txn.AmountMinor, txn.MerchantId, txn.Approved));
        var horizon = Math.Max(policy.SpendWindow.TotalMilliseconds, policy.ProbingWindow.TotalMilliseconds);
        state.RecentTransactions.RemoveAll(t => t.AtMs < state.StreamTimeMs - (long)horizon);
    }

    /// <summary>Called after the assessment so a burst does not raise its own baseline before it is judged.</summary>
    public static void UpdateBaseline(AccountRiskState state, AccountEvent e)
    {
        if (e is TransactionEvent { Approved: true, Refund: false, CashAdvance: false } txn)
        {
            state.PurchaseCount++;
            state.PurchaseSumMinor += txn.AmountMinor;
        }
    }

    private static void ApplyRepayment(AccountRiskState state, RepaymentEvent r)
    {
        // A payment settles the bill whenever it is synced, even if an "overdue" record with a later
        // ledger time arrived first (the overdue state only meant the payment had not been seen yet).
        // Otherwise event time decides: a late record older than what we hold changes nothing.
        if (state.Bills.TryGetValue(r.BillId, out var held))
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

    private static void TrackLocation(AccountRiskState state, long atMs, GeoPoint? location, string? country, RiskPolicy policy)
    {
        if (location is not { } point)
        {
            return;
        }

        if (state.LastLocation is { } last)
        {
            var km = Geo.DistanceKm(last.Point, point);
            var hours = Math.Abs(atMs - last.AtMs) / 3_600_000.0;
            var kmh = hours > 0 ? km / hours : double.PositiveInfinity;
            if (km >= MinTravelKm && kmh > policy.ImpossibleTravelKmh)
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

    private static void Prune(List<long> times, long fromMs) => times.RemoveAll(t => t < fromMs);
}
