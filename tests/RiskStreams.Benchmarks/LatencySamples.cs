namespace RiskStreams.Benchmarks;

/// <summary>Latency samples in milliseconds and their percentiles (nearest rank).</summary>
internal sealed class LatencySamples
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public void AddRange(LatencySamples other) => _samples.AddRange(other._samples);

    /// <summary>The <paramref name="percentile"/>th percentile (0–100) by nearest rank; null without samples.</summary>
    public double? Percentile(double percentile)
    {
        if (_samples.Count == 0)
        {
            return null;
        }

        var sorted = _samples.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 4);
    }
}
