namespace RiskStreams.Risk;

/// <summary>
/// Per level, how long (event time) the account's score must no longer have called for that level before
/// the level is lowered.
/// </summary>
/// <param name="Watch">Cooldown of <see cref="RiskLevel.Watch"/>.</param>
/// <param name="Restricted">Cooldown of <see cref="RiskLevel.Restricted"/>.</param>
/// <param name="Suspended">Cooldown of <see cref="RiskLevel.Suspended"/>.</param>
public sealed record LevelCooldowns(TimeSpan Watch, TimeSpan Restricted, TimeSpan Suspended)
{
    /// <summary>The cooldown of leaving <paramref name="level"/> (zero for NORMAL).</summary>
    public TimeSpan For(RiskLevel level) => level switch
    {
        RiskLevel.Watch => Watch,
        RiskLevel.Restricted => Restricted,
        RiskLevel.Suspended => Suspended,
        _ => TimeSpan.Zero,
    };
}
