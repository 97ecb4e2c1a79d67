using RiskStreams.Risk.Internal;
using static RiskStreams.Risk.Internal.Scorecard;

namespace RiskStreams.Risk.Rules;

/// <summary><see cref="ReasonCodes.ImpossibleTravel"/>: two successful located events too far apart for the time between them.</summary>
/// <param name="Enabled">Whether the rule is scored.</param>
/// <param name="Weight">Score added when the rule fires.</param>
/// <param name="MaxKmh">Speed above which the hop is impossible.</param>
/// <param name="MinKm">Hops shorter than this never count.</param>
/// <param name="SignalWindow">How long after the second event the signal keeps counting.</param>
public sealed record ImpossibleTravelRule(bool Enabled, int Weight, double MaxKmh, double MinKm, TimeSpan SignalWindow) : RiskRule(Enabled)
{
    internal static RuleDefinition Definition { get; } = new(
        ReasonCodes.ImpossibleTravel, 30, [.. RuleParameters.Common, "maxKmh", "minKm", "signalWindow"],
        m => new ImpossibleTravelRule(RuleParameters.Enabled(m), RuleParameters.Weight(m), m.Number("maxKmh", 0, 100_000), m.Number("minKm", -1, 20_100),
            RuleParameters.SignalWindow(m)),
        new ImpossibleTravelRule(false, 25, 900, 500, TimeSpan.FromHours(1)),
        [new(ReasonCodes.ImpossibleTravel,
            "Your account was used in two places too far apart to travel between in the time between them.",
            "您的账户先后在两个相距过远的地点使用，两次使用之间的时间不足以在两地之间往来。")]);

    /// <inheritdoc />
    public override string Code => ReasonCodes.ImpossibleTravel;

    internal override void Evaluate(RuleContext context)
    {
        if (context.State.Travel is { } hop && context.Now - hop.AtMs <= StateLimits.Ms(SignalWindow))
        {
            context.Fire(Weight, Code,
                ("distanceKm", I(Math.Round(hop.Km))), ("speedKmh", double.IsInfinity(hop.Kmh) ? "instant" : I(Math.Round(hop.Kmh))),
                ("maxKmh", I(MaxKmh)), ("minKm", I(MinKm)), ("fromCountry", hop.FromCountry ?? "unknown"), ("toCountry", hop.ToCountry ?? "unknown"));
        }
    }
}
