using System.Globalization;

namespace RiskStreams.Risk.Internal;

/// <summary>Accumulates the weights and reasons of the rules that fire in one assessment.</summary>
internal sealed class Scorecard
{
    private readonly List<RiskReason> _reasons = [];
    private readonly List<int> _weights = [];

    public int Score { get; private set; }

    public IReadOnlyList<RiskReason> Reasons => _reasons;

    /// <summary>The weight each of <see cref="Reasons"/> added, by index.</summary>
    public IReadOnlyList<int> Weights => _weights;

    public void Add(int weight, RiskReason reason)
    {
        Score += weight;
        _reasons.Add(reason);
        _weights.Add(weight);
    }

    public static string I(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string I(double value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A ratio to two decimals, e.g. <c>0.83</c>.</summary>
    public static string Ratio(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A ratio as a whole percentage for customer messages, e.g. <c>83%</c>.</summary>
    public static string Percent(double value) => Math.Round(value * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Minutes(TimeSpan window) => I(window.TotalMinutes);

    /// <summary>ISO-8601 UTC, or the raw milliseconds for an instant outside years 1..9999 (only an unvalidated event carries one).</summary>
    public static string Iso(long ms) =>
        ms is >= MinIsoMs and <= MaxIsoMs ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("O", CultureInfo.InvariantCulture) : I(ms) + " ms";

    private const long MinIsoMs = -62_135_596_800_000;
    private const long MaxIsoMs = 253_402_300_799_999;
}
