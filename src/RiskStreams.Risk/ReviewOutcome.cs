namespace RiskStreams.Risk;

/// <summary>What a reviewer decided.</summary>
public enum ReviewOutcome
{
    /// <summary>The signals were false: the account goes back to NORMAL and the cleared reason codes are suppressed for a while.</summary>
    Clear,

    /// <summary>The decision stands: the level is kept and does not fall by cooldown before the review's end.</summary>
    Uphold,

    /// <summary>The reviewer sets the level until the review's end; then automatic decisions resume.</summary>
    Override,
}
