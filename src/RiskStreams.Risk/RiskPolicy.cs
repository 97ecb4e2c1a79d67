namespace RiskStreams.Risk;

/// <summary>
/// Thresholds, weights and windows that turn account features into a level. Immutable; a new
/// policy is a new instance with a new <see cref="Version"/>.
/// </summary>
public sealed record RiskPolicy
{
    /// <summary>The built-in policy used when none is configured.</summary>
    public static RiskPolicy Default { get; } = new();

    /// <summary>Carried on every change this policy decides.</summary>
    public string Version { get; init; } = "builtin-1";

    /// <summary>Minimum score for WATCH.</summary>
    public int WatchScore { get; init; } = 30;

    /// <summary>Minimum score for RESTRICTED.</summary>
    public int RestrictedScore { get; init; } = 60;

    /// <summary>Minimum score for SUSPENDED.</summary>
    public int SuspendedScore { get; init; } = 85;

    /// <summary>Window for counting failed logins.</summary>
    public TimeSpan LoginFailureWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Failed logins in the window that fire <see cref="ReasonCodes.LoginFailures"/>.</summary>
    public int LoginFailureThreshold { get; init; } = 5;

    /// <summary>Score of <see cref="ReasonCodes.LoginFailures"/>.</summary>
    public int LoginFailureWeight { get; init; } = 30;

    /// <summary>How long a one-off signal (new device, impossible travel) keeps counting after it was seen.</summary>
    public TimeSpan SignalWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Score of <see cref="ReasonCodes.NewDevice"/>.</summary>
    public int NewDeviceWeight { get; init; } = 15;

    /// <summary>Most devices remembered per account (oldest forgotten first).</summary>
    public int MaxKnownDevices { get; init; } = 8;

    /// <summary>Speed above which two located events count as impossible travel.</summary>
    public double ImpossibleTravelKmh { get; init; } = 900;

    /// <summary>Score of <see cref="ReasonCodes.ImpossibleTravel"/>.</summary>
    public int ImpossibleTravelWeight { get; init; } = 25;

    /// <summary>Window for summing spend.</summary>
    public TimeSpan SpendWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Spend in the window above this multiple of the account's average purchase fires <see cref="ReasonCodes.SpendSpike"/>.</summary>
    public double SpendSpikeMultiple { get; init; } = 8;

    /// <summary>Spend below this (minor units) never counts as a spike.</summary>
    public long SpendSpikeFloorMinor { get; init; } = 100_000;

    /// <summary>Purchases needed before the account's average is trusted.</summary>
    public int SpendBaselineMinCount { get; init; } = 5;

    /// <summary>Score of <see cref="ReasonCodes.SpendSpike"/>.</summary>
    public int SpendSpikeWeight { get; init; } = 35;

    /// <summary>Window for card-testing detection.</summary>
    public TimeSpan ProbingWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A transaction at or below this amount (minor units) is "small".</summary>
    public long ProbingMaxAmountMinor { get; init; } = 200;

    /// <summary>Distinct merchants with small transactions in the window that fire <see cref="ReasonCodes.SmallTxnProbing"/>.</summary>
    public int ProbingDistinctMerchants { get; init; } = 5;

    /// <summary>Score of <see cref="ReasonCodes.SmallTxnProbing"/>.</summary>
    public int ProbingWeight { get; init; } = 60;

    /// <summary>After a due date, how long a source may take to sync a payment before an overdue bill is trusted.</summary>
    public TimeSpan SyncGrace { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Score of one bill confirmed overdue, by days past due (the highest band that applies).</summary>
    public IReadOnlyList<(int DaysPastDue, int Score)> OverdueBands { get; init; } = [(1, 30), (30, 60), (90, 90)];

    /// <summary>Confirmed overdue bills that score SUSPENDED however few days they are past due.</summary>
    public int OverdueBillsForSuspension { get; init; } = 3;

    /// <summary>Time a level must have held, with its cause cleared, before it may be lowered.</summary>
    public TimeSpan DowngradeCooldown { get; init; } = TimeSpan.FromHours(6);

    /// <summary>Maps a score to a level.</summary>
    public RiskLevel LevelFor(int score) =>
        score >= SuspendedScore ? RiskLevel.Suspended
        : score >= RestrictedScore ? RiskLevel.Restricted
        : score >= WatchScore ? RiskLevel.Watch
        : RiskLevel.Normal;
}
