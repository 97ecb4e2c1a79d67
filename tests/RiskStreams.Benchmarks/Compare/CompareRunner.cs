namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// <c>riskstreams-bench compare</c>: every scenario of <see cref="CompareScenario.All"/> on RiskStreams and Streamiz.Kafka.Net in one
/// run — each engine, scenario and repetition in a child process of its own, the engines interleaved — then one JSON line per
/// scenario as it completes and, at the end, the readable table (<see cref="CompareTable"/>). Figures are printed, never asserted.
/// </summary>
internal static class CompareRunner
{
    public static async Task<IReadOnlyList<ScenarioComparison>> RunAsync(CompareOptions options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var results = new List<ScenarioComparison>();
        var scenarios = CompareScenario.All
            .Where(s => options.Scenarios is null || options.Scenarios.Any(f => s.Name.Contains(f, StringComparison.Ordinal))).ToList();
        if (scenarios.Count == 0)
        {
            throw new ArgumentException($"No compare scenario contains '{string.Join("' or '", options.Scenarios ?? [])}'; known: {string.Join(", ", CompareScenario.All.Select(s => s.Name))}.");
        }

        foreach (var scenario in scenarios)
        {
            var runs = scenario.Engines.ToDictionary(e => e, _ => new List<EngineRun>(), StringComparer.Ordinal);
            var errors = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var repetition = 0; repetition < options.Repetitions; repetition++)
            {
                // Interleaved: the engine that goes first alternates, so a drift in machine load does not favour one.
                var order = repetition % 2 == 0 ? scenario.Engines : scenario.Engines.Reverse();
                foreach (var engine in order)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await progress.WriteLineAsync($"compare: {scenario.Name} {engine} #{repetition + 1}");
                    try
                    {
                        runs[engine].Add(await ChildProcess.RunAsync(scenario, engine, options, cancellationToken));
                    }
                    catch (InvalidOperationException e)
                    {
                        errors.TryAdd(engine, e.Message);
                    }
                }
            }

            var comparison = Compare(scenario, options, runs, errors);
            results.Add(comparison);
            await output.WriteLineAsync(comparison.ToJson());
            await output.FlushAsync(cancellationToken);
        }

        await output.WriteLineAsync();
        await output.WriteAsync(CompareTable.Render(results, options));
        await output.FlushAsync(cancellationToken);
        return results;
    }

    private static ScenarioComparison Compare(CompareScenario scenario, CompareOptions options, Dictionary<string, List<EngineRun>> runs, Dictionary<string, string> errors)
    {
        EngineSummary? Summary(string engine) =>
            runs.TryGetValue(engine, out var list) ? EngineSummary.From(engine, list, errors.GetValueOrDefault(engine)) : null;

        var ours = Summary(CompareScenario.RiskStreams);
        var theirs = Summary(CompareScenario.Streamiz);
        var digests = runs.Values.SelectMany(r => r).Select(r => r.OutputDigest).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var bothRan = runs.Count(r => r.Value.Count > 0) == 2;
        return new ScenarioComparison
        {
            Scenario = scenario.Name,
            Records = options.Records,
            Keys = options.Keys,
            RiskStreams = ours,
            Streamiz = theirs,
            Pipe = Summary(CompareScenario.Pipe),
            StreamizUnsupported = scenario.StreamizUnsupported,
            Ratio = ProcessFigures.Ratio(ours?.MedianRecordsPerSec, theirs?.MedianRecordsPerSec),
            OutputsEqual = bothRan ? digests.Count == 1 : null,
            OutputDigests = digests.Count > 0 ? digests : null,
        };
    }
}
