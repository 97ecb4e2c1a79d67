using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>The decision a level change records, as a shadow run compares it.</summary>
/// <param name="Version">The account's change version (1 for its first change).</param>
/// <param name="PreviousLevel">Level before the change.</param>
/// <param name="Level">Level after the change.</param>
/// <param name="ReasonCodes">Codes of the change's reasons, in order.</param>
/// <param name="TriggeringEventId">The input event that caused the change.</param>
public sealed record BacktestChange(long Version, RiskLevel PreviousLevel, RiskLevel Level, IReadOnlyList<string> ReasonCodes, string TriggeringEventId)
{
    /// <summary>The decision recorded by <paramref name="change"/>.</summary>
    public static BacktestChange From(RiskLevelChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new(change.version, change.previousLevel, change.level, [.. change.reasons.Select(r => r.code)], change.triggeringEventId);
    }

    /// <summary>
    /// True when both changes made the same decision: same version, levels and triggering event. Reasons,
    /// scores and the policy version may differ between policies without the decision differing.
    /// </summary>
    public bool SameDecisionAs(BacktestChange other) =>
        other is not null && (Version, PreviousLevel, Level) == (other.Version, other.PreviousLevel, other.Level)
        && string.Equals(TriggeringEventId, other.TriggeringEventId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        $"v{Version} {PreviousLevel} -> {Level} at {TriggeringEventId} [{string.Join(",", ReasonCodes)}]";
}
