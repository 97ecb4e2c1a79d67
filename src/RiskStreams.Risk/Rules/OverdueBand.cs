namespace RiskStreams.Risk.Rules;

/// <summary>A band of <see cref="RepaymentOverdueRule"/>: from this many days past due, this score.</summary>
/// <param name="DaysPastDue">Days past due at which the band starts.</param>
/// <param name="Score">Score of the band.</param>
public readonly record struct OverdueBand(int DaysPastDue, int Score);
