namespace RiskStreams.Risk;

/// <summary>
/// Everything remembered about one account: the latest transactions in detail and older ones of the last 24 h
/// in 5-minute (last 2 h) and hourly totals per currency, daily spend totals per currency for the baseline, failed logins of the last
/// 24 h, known devices, the last location, bills, utilization, the ids of recently applied events, and the
/// account's current level and change version. Bounded in size whatever the input (see
/// <c>Internal.StateLimits</c>), so the cost of an event does not grow with the account's history.
/// Mutated only by <see cref="AccountRiskDecider"/>; stored with <see cref="AccountRiskStateCodec"/>.
/// </summary>
public sealed partial class AccountRiskState
{
    /// <summary>
    /// The account this state belongs to, learned from the first event applied (null for a state decoded
    /// from a format that did not store it, until its next event). Carried on step-down changes.
    /// </summary>
    public string? AccountId { get; internal set; }

    /// <summary>
    /// Event ids applied to the account, as <c>Internal.StableHash</c> values with their event time, oldest
    /// first: the dedupe memory, bounded by <c>Internal.StateLimits.DedupeHorizon</c> and
    /// <c>Internal.StateLimits.MaxRememberedEvents</c>.
    /// </summary>
    internal List<AppliedEvent> AppliedEvents { get; } = [];

    internal long StreamTimeMs { get; set; } = long.MinValue;

    internal List<long> LoginFailureTimes { get; } = [];

    /// <summary>Least recently used first.</summary>
    internal List<string> KnownDevices { get; } = [];

    internal LocationFix? LastLocation { get; set; }

    internal DeviceSignal? NewDeviceSignal { get; set; }

    internal TravelSignal? Travel { get; set; }

    /// <summary>Currencies the account transacts in, least recently used first (at most <c>StateLimits.MaxCurrencies</c>).</summary>
    internal List<string> Currencies { get; } = [];

    /// <summary>The latest transactions (refunds excluded) in detail, ordered by event time.</summary>
    internal List<TxnSample> RecentTransactions { get; } = [];

    /// <summary>Transactions of the last 2 h no longer held in detail, per 5-minute slot and currency, ordered by slot then currency.</summary>
    internal List<SpendSlot> Slots { get; } = [];

    /// <summary>Transactions from 2 h to 24 h back no longer held in detail, per hour and currency, ordered by hour then currency.</summary>
    internal List<SpendSlot> HourSlots { get; } = [];

    /// <summary>Approved spend per UTC day and currency for older transactions, ordered by day then currency.</summary>
    internal List<DaySpend> DailySpend { get; } = [];

    internal UtilizationFix? Utilization { get; set; }

    internal Dictionary<string, BillSnapshot> Bills { get; } = new(StringComparer.Ordinal);

    /// <summary>Cross-account signals the account's events carried, at most one per entity rule, ordered by reason code.</summary>
    internal List<Internal.EntitySignal> EntitySignals { get; } = [];

    /// <summary>True when a bill is held as overdue, so a sync heartbeat may change the assessment.</summary>
    public bool HasOverdueBills => Bills.Values.Any(b => b.IsOverdue);

    /// <summary>The account's current level.</summary>
    public RiskLevel Level { get; internal set; } = RiskLevel.Normal;

    /// <summary>Version of the last emitted change (0 before the first).</summary>
    public long Version { get; internal set; }

    /// <summary>Event time at which the current level was entered.</summary>
    public long LevelSinceMs { get; internal set; }

    /// <summary>Last event time at which the account's score still called for the current level; cooldowns count from it.</summary>
    internal long LevelHeldAtMs { get; set; }

    internal readonly record struct TxnSample(long AtMs, long AmountMinor, ulong MerchantHash, bool Approved, bool CashAdvance, string Currency);

    internal readonly record struct SpendSlot(long Slot, string Currency, int Count, int Declined, long SpendMinor, long CashAdvanceMinor);

    internal readonly record struct DaySpend(long Day, string Currency, long Count, long SumMinor);

    internal sealed record LocationFix(long AtMs, GeoPoint Point, string? Country);

    internal sealed record DeviceSignal(long AtMs, string DeviceId);

    internal sealed record TravelSignal(long AtMs, double Kmh, double Km, string? FromCountry, string? ToCountry);

    internal sealed record UtilizationFix(long AtMs, long OutstandingMinor, long CreditLimitMinor);

    internal readonly record struct AppliedEvent(ulong IdHash, long AtMs);

    internal sealed record BillSnapshot(long OccurredAtMs, BillState State, int DaysPastDue, long DueDateMs, long AmountDueMinor, long AmountPaidMinor)
    {
        /// <summary>
        /// Overdue, or partly paid and past due: a part payment does not make a late bill current, so it counts by its
        /// days past due like an unpaid one. Only a full payment (<see cref="BillState.Paid"/>) settles a bill.
        /// </summary>
        public bool IsOverdue => State == BillState.Overdue || (State == BillState.PartiallyPaid && DaysPastDue > 0);

        /// <summary>What is still owed on the bill (amount due − amount paid, never below 0).</summary>
        public long UnpaidMinor => Math.Max(0, Internal.Saturating.Subtract(AmountDueMinor, AmountPaidMinor));
    }
}
