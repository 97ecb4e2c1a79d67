namespace RiskStreams.Risk;

/// <summary>
/// How long reviews act when the reviewer gives no end (the policy's optional <c>reviews</c> section; these defaults when
/// absent, so older policies load unchanged).
/// </summary>
/// <param name="ClearSuppression">How long a CLEAR suppresses the reason codes it cleared (default 30 days).</param>
/// <param name="UpholdHold">How long an UPHOLD keeps the level from falling by cooldown (default 14 days).</param>
/// <param name="MaxOverride">The longest an OVERRIDE lasts, and its length when it names no end (default 30 days).</param>
public sealed record ReviewPolicy(TimeSpan ClearSuppression, TimeSpan UpholdHold, TimeSpan MaxOverride)
{
    /// <summary>The longest any of the durations may be.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(365);

    /// <summary>The defaults: 30 days, 14 days, 30 days.</summary>
    public static ReviewPolicy Default { get; } = new(TimeSpan.FromDays(30), TimeSpan.FromDays(14), TimeSpan.FromDays(30));
}
