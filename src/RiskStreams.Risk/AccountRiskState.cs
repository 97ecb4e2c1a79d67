namespace RiskStreams.Risk;

/// <summary>
/// Everything remembered about one account: windowed features in event time, known devices, bills,
/// and the account's current level and change version. Mutated only by <see cref="AccountRiskDecider"/>.
/// </summary>
public sealed class AccountRiskState
{
    internal long StreamTimeMs { get; set; } = long.MinValue;

    internal List<long> LoginFailureTimes { get; } = [];

    internal List<string> KnownDevices { get; } = [];

    internal LocationFix? LastLocation { get; set; }

    internal DeviceSignal? NewDeviceSignal { get; set; }

    internal TravelSignal? Travel { get; set; }

    internal List<TxnSample> RecentTransactions { get; } = [];

    internal long PurchaseCount { get; set; }

    internal long PurchaseSumMinor { get; set; }

    internal Dictionary<string, BillSnapshot> Bills { get; } = new(StringComparer.Ordinal);

    /// <summary>True when a bill is held as overdue, so a sync heartbeat may change the assessment.</summary>
    public bool HasOverdueBills => Bills.Values.Any(b => b.State == BillState.Overdue);

    /// <summary>The account's current level.</summary>
    public RiskLevel Level { get; internal set; } = RiskLevel.Normal;

    /// <summary>Version of the last emitted change (0 before the first).</summary>
    public long Version { get; internal set; }

    /// <summary>Event time at which the current level was entered.</summary>
    public long LevelSinceMs { get; internal set; }

    internal readonly record struct TxnSample(long AtMs, long AmountMinor, string MerchantId, bool Approved);

    internal sealed record LocationFix(long AtMs, GeoPoint Point, string? Country);

    internal sealed record DeviceSignal(long AtMs, string DeviceId);

    internal sealed record TravelSignal(long AtMs, double Kmh, double Km, string? FromCountry, string? ToCountry);

    internal sealed record BillSnapshot(long OccurredAtMs, BillState State, int DaysPastDue, long DueDateMs, long AmountDueMinor, long AmountPaidMinor);
}
