namespace RiskStreams.Benchmarks;

/// <summary>
/// Runs the benchmark scenarios and prints one JSON object per line per scenario (variant) result, as
/// <c>riskstreams-bench</c> does. Figures are measured, never asserted: this is a benchmark, not a test.
/// </summary>
public static class BenchRunner
{
    /// <summary>Scenario names, in the order a full run takes them.</summary>
    public static IReadOnlyList<string> Scenarios { get; } =
        [InProcessWindowScenario.Name, E2eWindowSuite.WindowName, E2eWindowSuite.BaselineName, E2eWindowSuite.RestoreName, RiskTopologyScenario.Name];

    /// <summary>
    /// Runs <see cref="BenchOptions.Scenario"/> (or every scenario) and writes each result to <paramref name="output"/> as it is measured.
    /// <c>e2e-window</c>, <c>e2e-baseline</c> and <c>restore</c> share one embedded cluster and one windowed run: asking for any
    /// of them runs the windowed run, and the baseline with it (its ratio needs the baseline, the baseline needs its counts).
    /// </summary>
    public static async Task RunAsync(BenchOptions options, TextWriter output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        options.Validate();
        bool Wanted(string name) => options.Scenario is null || options.Scenario == name;

        if (Wanted(InProcessWindowScenario.Name))
        {
            foreach (var variant in WindowStoreVariants.All)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await WriteAsync(output, InProcessWindowScenario.Run(variant,
                    options.Records ?? InProcessWindowScenario.DefaultRecords, options.Keys ?? InProcessWindowScenario.DefaultKeys));
            }
        }

        if (Wanted(E2eWindowSuite.WindowName) || Wanted(E2eWindowSuite.BaselineName) || Wanted(E2eWindowSuite.RestoreName))
        {
            var suite = new E2eWindowSuite(options.Records ?? E2eWindowSuite.DefaultRecords, options.Keys ?? E2eWindowSuite.DefaultKeys);
            var restore = Wanted(E2eWindowSuite.RestoreName);
            var baseline = Wanted(E2eWindowSuite.WindowName) || Wanted(E2eWindowSuite.BaselineName);
            await foreach (var result in suite.RunAsync(baseline, restore, cancellationToken))
            {
                await WriteAsync(output, result);
            }
        }

        if (Wanted(RiskTopologyScenario.Name))
        {
            var scenario = new RiskTopologyScenario(options.Records, options.Keys);
            foreach (var entityBranches in options.EntityBranches switch { "both" => new[] { false, true }, "off" => [false], _ => [true] })
            {
                await WriteAsync(output, await scenario.RunInProcessAsync(entityBranches, cancellationToken));
            }

            await WriteAsync(output, await scenario.RunHeavyDecisionsAsync(cancellationToken));
            await WriteAsync(output, await scenario.RunEndToEndAsync(cancellationToken));
        }
    }

    private static async Task WriteAsync(TextWriter output, BenchResult result)
    {
        await output.WriteLineAsync(result.ToJson());
        await output.FlushAsync();
    }
}
