namespace RiskStreams.Risk;

/// <summary>
/// Everything remembered about one account: transactions and failed logins of the last 24 h in detail,
/// daily spend totals for the baseline, known devices, the last location, bills, utilization, and the
/// account's current level and change version. Bounded in size whatever the input (see
/// <c>Internal.StateLimits</c>). Mutated only by <see cref="AccountRiskDecider"/>.
/// </summary>
public sealed class AccountRiskState
{
    internal long StreamTimeMs { get; set; } = long.MinValue;

    internal List<long> LoginFailureTimes { get; } = [];

    /// <summary>Least recently used first.</summary>
    internal List<string> KnownDevices { get; } = [];

    internal LocationFix? LastLocation { get; set; }

    internal DeviceSignal? NewDeviceSignal { get; set; }

    internal TravelSignal? Travel { get; set; }

    internal List<TxnSample> RecentTransactions { get; } = [];

    /// <summary>Approved spend per UTC day for transactions no longer held in detail, ordered by day.</summary>
    internal List<DaySpend> DailySpend { get; } = [];

    internal UtilizationFix? Utilization { get; set; }

    internal Dictionary<string, BillSnapshot> Bills { get; } = new(StringComparer.Ordinal);

    /// <summary>True when a bill is held as overdue, so a sync heartbeat may change the assessment.</summary>
    public bool HasOverdueBills => Bills.Values.Any(b => b.State == BillState.Overdue);

    /// <summary>The account's current level.</summary>
    public RiskLevel Level { get; internal set; } = RiskLevel.Normal;

    /// <summary>Version of the last emitted change (0 before the first).</summary>
    public long Version { get; internal set; }

    /// <summary>Event time at which the current level was entered.</summary>
    public long LevelSinceMs { get; internal set; }

    /// <summary>Last event time at which the account's score still called for the current level; cooldowns count from it.</summary>
    internal long LevelHeldAtMs { get; set; }

    internal readonly record struct TxnSample(long AtMs, long AmountMinor, string MerchantId, bool Approved, bool CashAdvance);

    internal readonly record struct DaySpend(long Day, long Count, long SumMinor);

    internal sealed record LocationFix(long AtMs, GeoPoint Point, string? Country);

    internal sealed record DeviceSignal(long AtMs, string DeviceId);

    internal sealed record TravelSignal(long AtMs, double Kmh, double Km, string? FromCountry, string? ToCountry);

    internal sealed record UtilizationFix(long AtMs, long OutstandingMinor, long CreditLimitMinor);

    internal sealed record BillSnapshot(long OccurredAtMs, BillState State, int DaysPastDue, long DueDateMs, long AmountDueMinor, long AmountPaidMinor);
}
