namespace RiskStreams.Benchmarks.Compare;

/// <summary>Settings of <c>riskstreams-bench compare</c>.</summary>
internal sealed record CompareOptions
{
    public const int DefaultRecords = 5_000;
    public const int DefaultKeys = 2_000;
    public const int DefaultRepetitions = 3;

    /// <summary>
    /// <c>--quick</c>, a smoke test of about a minute: small sizes, one repetition, the in-process scenarios, one end-to-end
    /// window scenario (Streamiz spends ~30 s starting on the mock cluster) and the ceiling.
    /// </summary>
    public static CompareOptions Quick { get; } = new()
    {
        Records = 500, Keys = 50, Repetitions = 1, Scenarios = ["inproc", "window-tumbling-inmemory-e2e", "ceiling"],
    };

    public int Records { get; init; } = DefaultRecords;

    public int Keys { get; init; } = DefaultKeys;

    /// <summary>Runs per engine and scenario, interleaved (RiskStreams first on odd repetitions, Streamiz first on even).</summary>
    public int Repetitions { get; init; } = DefaultRepetitions;

    /// <summary>Only the scenarios whose name contains one of these texts; all when null.</summary>
    public IReadOnlyList<string>? Scenarios { get; init; }
}
