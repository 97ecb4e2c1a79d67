namespace RiskStreams.Risk.Internal;

/// <summary>
/// Bounds of what an account's state keeps, independent of the policy so that a policy change never
/// needs history the state has dropped. Policy validation keeps rule windows inside them.
/// </summary>
internal static class StateLimits
{
    public const long DayMs = 86_400_000;

    /// <summary>Transactions and failed logins are kept in detail for this long (event time), then summarized or dropped.</summary>
    public static readonly TimeSpan DetailHorizon = TimeSpan.FromHours(24);

    /// <summary>Daily spend buckets kept for the baseline (plus the current day).</summary>
    public const int BaselineDays = 30;

    /// <summary>Most transactions kept in detail; beyond it the oldest are folded into 5-minute slots.</summary>
    public const int MaxTransactions = 64;

    /// <summary>Length of a fine slot of transaction totals (the last <see cref="FineSlotHorizon"/>).</summary>
    public const long SlotMs = 5 * 60_000;

    /// <summary>Length of a coarse slot of transaction totals (from <see cref="FineSlotHorizon"/> to <see cref="DetailHorizon"/>).</summary>
    public const long HourSlotMs = 3_600_000;

    /// <summary>Fine slots cover this much of the account's clock; older totals move to hourly slots.</summary>
    public static readonly TimeSpan FineSlotHorizon = TimeSpan.FromHours(2);

    /// <summary>Most currencies an account keeps spend features for; the least recently used one is forgotten beyond it.</summary>
    public const int MaxCurrencies = 8;

    /// <summary>Most bills held; beyond it settled bills go first (oldest first), then the least overdue.</summary>
    public const int MaxBills = 64;

    /// <summary>Most failed logins kept in detail.</summary>
    public const int MaxLoginFailures = 200;

    /// <summary>Most devices a policy may ask to remember.</summary>
    public const int MaxKnownDevices = 64;

    /// <summary>Bills that are not overdue are forgotten once their last record is this old; older records of unknown bills are ignored.</summary>
    public static readonly TimeSpan BillRetention = TimeSpan.FromDays(90);

    /// <summary>Event ids are remembered for dedupe for this long on the account's clock ...</summary>
    public static readonly TimeSpan DedupeHorizon = TimeSpan.FromHours(24);

    /// <summary>... and at most this many (the latest by event time).</summary>
    public const int MaxRememberedEvents = 256;

    /// <summary>Most changes an account's history keeps (the latest).</summary>
    public const int MaxHistory = 20;

    /// <summary>Most reviews in force an account keeps (the latest; an older CLEAR's suppression is dropped beyond it).</summary>
    public const int MaxReviews = 8;

    /// <summary>Most reason codes one review may suppress.</summary>
    public const int MaxSuppressReasons = 32;

    public static long Ms(TimeSpan span) => (long)span.TotalMilliseconds;

    public static long DayOf(long ms) => FloorDiv(ms, DayMs);

    public static long SlotOf(long ms) => FloorDiv(ms, SlotMs);

    public static long HourSlotOf(long ms) => FloorDiv(ms, HourSlotMs);

    private static long FloorDiv(long ms, long unit) => Math.DivRem(ms, unit) is var (q, r) && r < 0 ? q - 1 : q;
}
