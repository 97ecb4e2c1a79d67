namespace RiskStreams.Benchmarks.Compare;

/// <summary>One engine's repetitions of one scenario: median and range of the rate, peak resident set, and failures.</summary>
internal sealed record EngineSummary
{
    public required string Engine { get; init; }

    public int Runs { get; init; }

    public double? MedianRecordsPerSec { get; init; }

    public double? MinRecordsPerSec { get; init; }

    public double? MaxRecordsPerSec { get; init; }

    public double? MedianSeconds { get; init; }

    /// <summary>End to end: median seconds from start until the first committed input offset.</summary>
    public double? MedianStartUpSeconds { get; init; }

    /// <summary>Highest peak resident set over the repetitions (each its own child process), MiB.</summary>
    public double? PeakRssMb { get; init; }

    public long? Outputs { get; init; }

    /// <summary>The first failure, when a repetition failed.</summary>
    public string? Error { get; init; }

    public static EngineSummary From(string engine, IReadOnlyList<EngineRun> runs, string? error)
    {
        if (runs.Count == 0)
        {
            return new EngineSummary { Engine = engine, Error = error };
        }

        var rates = runs.Select(r => r.RecordsPerSec).Order().ToList();
        var seconds = runs.Select(r => r.Seconds).Order().ToList();
        return new EngineSummary
        {
            Engine = engine,
            Runs = runs.Count,
            MedianRecordsPerSec = Math.Round(Median(rates), 0),
            MinRecordsPerSec = rates[0],
            MaxRecordsPerSec = rates[^1],
            MedianSeconds = Math.Round(Median(seconds), 3),
            MedianStartUpSeconds = runs.All(r => r.StartUpSeconds is not null) ? Math.Round(Median([.. runs.Select(r => r.StartUpSeconds!.Value).Order()]), 2) : null,
            PeakRssMb = runs.Max(r => r.PeakRssMb),
            Outputs = runs[0].Outputs,
            Error = error,
        };
    }

    private static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
