using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>One change of an account.</summary>
/// <param name="ChangeId"><c>{accountId}:{version}</c>.</param>
/// <param name="Version">Its version.</param>
/// <param name="PreviousLevel">Level before.</param>
/// <param name="Level">Level after.</param>
/// <param name="Score">Its score.</param>
/// <param name="EventTime">Event time of its trigger.</param>
/// <param name="Reasons">Its reason codes, in order.</param>
/// <param name="ReviewId">The review that caused it, or null.</param>
/// <param name="TriggeringStream">The stream of its trigger (<c>transactions</c>, <c>reviews</c>, <c>stream-time</c>…).</param>
public sealed record AccountChangeView(
    string ChangeId, long Version, RiskLevel PreviousLevel, RiskLevel Level, int Score, DateTime EventTime, IReadOnlyList<string> Reasons,
    string? ReviewId, string TriggeringStream);
