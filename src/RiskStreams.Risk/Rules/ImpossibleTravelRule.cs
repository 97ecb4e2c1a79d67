namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.ImpossibleTravel"/>: two successful located events too far apart for the time between them.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="MaxKmh">Speed above which the hop is impossible.</param>
/// <param name="MinKm">Hops shorter than this never count.</param>
/// <param name="SignalWindow">How long after the second event the signal keeps counting.</param>
public sealed record ImpossibleTravelRule(bool Enabled, int Weight, double MaxKmh, double MinKm, TimeSpan SignalWindow) : RiskRule(Enabled)
{
    /// <inheritdoc />
    public override string Code => ReasonCodes.ImpossibleTravel;
}
