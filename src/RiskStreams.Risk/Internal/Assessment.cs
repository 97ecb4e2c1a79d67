namespace RiskStreams.Risk.Internal;

/// <summary>The level an account's features call for right now, with the reasons behind it.</summary>
internal sealed record Assessment(RiskLevel Level, int Score, IReadOnlyList<RiskReason> Reasons);
