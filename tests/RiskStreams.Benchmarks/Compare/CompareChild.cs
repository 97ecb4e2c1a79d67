using RiskStreams.Benchmarks.Compare.Risk;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// <c>riskstreams-bench compare-run</c>: one engine, one scenario, in a process of its own (the parent <see cref="CompareRunner"/>
/// starts one per engine, scenario and repetition), so its peak resident set is its own. A small warm-up run first pays JIT
/// and first-use costs; the measured run follows and is printed as one <see cref="EngineRun"/> JSON line.
/// </summary>
internal static class CompareChild
{
    private const int WarmUpRecords = 2_000;

    public static async Task<EngineRun> RunAsync(string scenarioName, string engine, int records, int keys, CancellationToken cancellationToken)
    {
        var scenario = CompareScenario.Find(scenarioName);
        if (!scenario.Engines.Contains(engine, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Scenario '{scenario.Name}' does not run on '{engine}' (it runs on: {string.Join(", ", scenario.Engines)}).", nameof(engine));
        }

        if (scenario.Risk)
        {
            return await RunRiskAsync(scenario, engine, records, keys, cancellationToken);
        }

        if (!scenario.EndToEnd)
        {
            await RunOnceAsync(scenario, engine, new WindowWorkload(Math.Min(WarmUpRecords, records), Math.Min(keys, 200), seed: 1), cancellationToken);
        }

        var workload = new WindowWorkload(records, keys);
        var (timing, digest) = await RunOnceAsync(scenario, engine, workload, cancellationToken);
        return new EngineRun
        {
            Scenario = scenario.Name,
            Engine = engine,
            Records = records,
            Seconds = ProcessFigures.Seconds(timing.Steady),
            RecordsPerSec = ProcessFigures.Rate(timing.SteadyRecords, timing.Steady),
            TotalSeconds = ProcessFigures.Seconds(timing.Total),
            StartUpSeconds = timing.StartUp is { } startUp ? ProcessFigures.Seconds(startUp) : null,
            Outputs = digest.Count,
            OutputDigest = scenario.Ceiling ? null : digest.ToString(),
            PeakRssMb = ProcessFigures.PeakRssMb(),
        };
    }

    private static async Task<EngineRun> RunRiskAsync(CompareScenario scenario, string engine, int records, int keys, CancellationToken cancellationToken)
    {
        if (!scenario.EndToEnd)
        {
            await using var warmUp = await RiskCompareWorkload.CreateAsync(Math.Min(WarmUpRecords, records), Math.Min(keys, 200), cancellationToken);
            await RunRiskAsync(scenario, engine, warmUp, cancellationToken);
        }

        await using var workload = await RiskCompareWorkload.CreateAsync(records, keys, cancellationToken);
        var (timing, digest) = await RunRiskAsync(scenario, engine, workload, cancellationToken);
        return new EngineRun
        {
            Scenario = scenario.Name,
            Engine = engine,
            Records = workload.Inputs.Count,
            Seconds = ProcessFigures.Seconds(timing.Steady),
            RecordsPerSec = ProcessFigures.Rate(timing.SteadyRecords, timing.Steady),
            TotalSeconds = scenario.EndToEnd ? ProcessFigures.Seconds(timing.Total) : null,
            StartUpSeconds = timing.StartUp is { } startUp ? ProcessFigures.Seconds(startUp) : null,
            Outputs = digest.Count,
            OutputDigest = digest.ToString(),
            PeakRssMb = ProcessFigures.PeakRssMb(),
        };
    }

    private static async Task<(E2eTiming Timing, OutputDigest Digest)> RunRiskAsync(CompareScenario s, string engine, RiskCompareWorkload workload, CancellationToken cancellationToken) =>
        (engine, s.EndToEnd) switch
        {
            (CompareScenario.RiskStreams, false) => InProcess(InProcessRiskRuns.RiskStreams(workload), workload.Inputs.Count),
            (_, false) => InProcess(InProcessRiskRuns.Streamiz(workload), workload.Inputs.Count),
            (CompareScenario.RiskStreams, true) => await E2eRiskRuns.RiskStreamsAsync(workload, cancellationToken),
            _ => await E2eRiskRuns.StreamizAsync(workload, cancellationToken),
        };

    private static async Task<(E2eTiming Timing, OutputDigest Digest)> RunOnceAsync(CompareScenario s, string engine, WindowWorkload workload, CancellationToken cancellationToken) =>
        (engine, s.EndToEnd) switch
        {
            (CompareScenario.Pipe, _) => await E2eWindowRuns.PipeAsync(workload, s.OutputsPerRecord, cancellationToken),
            (CompareScenario.RiskStreams, false) => InProcess(InProcessWindowRuns.RiskStreams(s.Kind, s.RocksDb, workload), workload.Records),
            (CompareScenario.Streamiz, false) => InProcess(InProcessWindowRuns.Streamiz(s.Kind, s.RocksDb, workload), workload.Records),
            (CompareScenario.RiskStreams, true) => await E2eWindowRuns.RiskStreamsAsync(s.Kind, s.RocksDb, workload, cancellationToken),
            _ => await E2eWindowRuns.StreamizAsync(s.Kind, s.RocksDb, workload, cancellationToken),
        };

    private static (E2eTiming, OutputDigest) InProcess((TimeSpan Elapsed, OutputDigest Digest) run, long records) =>
        (new E2eTiming(run.Elapsed, run.Elapsed, records), run.Digest);
}
