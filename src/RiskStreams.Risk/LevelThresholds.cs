namespace RiskStreams.Risk;

/// <summary>Minimum score of each level above NORMAL; strictly increasing, each 1..100.</summary>
/// <param name="Watch">Minimum score for <see cref="RiskLevel.Watch"/>.</param>
/// <param name="Restricted">Minimum score for <see cref="RiskLevel.Restricted"/>.</param>
/// <param name="Suspended">Minimum score for <see cref="RiskLevel.Suspended"/>.</param>
public sealed record LevelThresholds(int Watch, int Restricted, int Suspended)
{
    /// <summary>Maps a score to a level.</summary>
    public RiskLevel LevelFor(int score) =>
        score >= Suspended ? RiskLevel.Suspended
        : score >= Restricted ? RiskLevel.Restricted
        : score >= Watch ? RiskLevel.Watch
        : RiskLevel.Normal;
}
