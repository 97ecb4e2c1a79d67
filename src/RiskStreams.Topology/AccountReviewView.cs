using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>A review in force on the account.</summary>
/// <param name="ReviewId">The review's id.</param>
/// <param name="Kind">Appeal or manual review.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Level">The level an OVERRIDE set, else null.</param>
/// <param name="ValidUntil">When its effect ends.</param>
/// <param name="SuppressReasons">Reason codes a CLEAR suppresses.</param>
/// <param name="DecidedAt">When it was decided.</param>
public sealed record AccountReviewView(
    string ReviewId, ReviewKind Kind, ReviewOutcome Outcome, RiskLevel? Level, DateTime ValidUntil, IReadOnlyList<string> SuppressReasons, DateTime DecidedAt);
