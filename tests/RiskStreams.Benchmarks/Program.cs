using System.CommandLine;
using System.Runtime.InteropServices;
using RiskStreams.Benchmarks;
using RiskStreams.Benchmarks.Compare;

// `riskstreams-bench [--scenario NAME] [--records N] [--keys N] [--entity-branches on|off|both]`: the benchmark program, kept out of the production
// `riskstreams` binary. One JSON object per line per scenario and variant; figures are printed, never asserted.
// `riskstreams-bench compare [--quick]`: RiskStreams and Streamiz.Kafka.Net side by side (see CompareRunner).
using var shutdown = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);

var scenario = new Option<string?>("--scenario") { Description = $"Run one scenario: {string.Join(", ", BenchRunner.Scenarios)} (all when omitted)." };
scenario.AcceptOnlyFromAmong([.. BenchRunner.Scenarios]);
var records = PositiveIntOption.Create("--records", "Input records per scenario (default: each scenario's own; small values give quick runs).");
var keys = PositiveIntOption.Create("--keys", "Distinct keys (accounts for risk-topology); default: each scenario's own.");
var entityBranches = new Option<string>("--entity-branches")
{
    Description = "risk-topology in process: the cross-account entity branches on (default), off, or both (off then on).",
    DefaultValueFactory = _ => "on",
};
entityBranches.AcceptOnlyFromAmong("on", "off", "both");
var root = new RootCommand("RiskStreams benchmarks: run the scenarios and print one JSON object per line per scenario.") { scenario, records, keys, entityBranches };
root.SetAction(async (parse, ct) =>
{
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
    var options = new BenchOptions
    {
        Scenario = parse.GetValue(scenario), Records = parse.GetValue(records), Keys = parse.GetValue(keys), EntityBranches = parse.GetValue(entityBranches) ?? "on",
    };
    await BenchRunner.RunAsync(options, parse.InvocationConfiguration.Output, linked.Token);
    return 0;
});

var quick = new Option<bool>("--quick") { Description = $"Smoke test of about a minute ({CompareOptions.Quick.Records} records, {CompareOptions.Quick.Repetitions} repetition, fewer end-to-end scenarios): proves it runs, figures mean little." };
var compareRecords = PositiveIntOption.Create("--records", $"Input records per run (default {CompareOptions.DefaultRecords}).");
var compareKeys = PositiveIntOption.Create("--keys", $"Distinct keys (default {CompareOptions.DefaultKeys}).");
var repetitions = PositiveIntOption.Create("--repetitions", $"Runs per engine and scenario (default {CompareOptions.DefaultRepetitions}).");
var only = new Option<string?>("--only") { Description = "Only the scenarios whose name contains this text (e.g. inproc, e2e, hopping)." };
var compare = new Command("compare", "RiskStreams and Streamiz.Kafka.Net 1.8.2 side by side: each scenario on both engines, interleaved, each run in its own process; JSON lines, then a table.")
{
    quick, compareRecords, compareKeys, repetitions, only,
};
compare.SetAction(async (parse, ct) =>
{
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
    var defaults = parse.GetValue(quick) ? CompareOptions.Quick : new CompareOptions();
    var options = defaults with
    {
        Records = parse.GetValue(compareRecords) ?? defaults.Records,
        Keys = parse.GetValue(compareKeys) ?? defaults.Keys,
        Repetitions = parse.GetValue(repetitions) ?? defaults.Repetitions,
        Scenarios = parse.GetValue(only) is { } filter ? [filter] : defaults.Scenarios,
    };
    await CompareRunner.RunAsync(options, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, linked.Token);
    return 0;
});

var runScenario = new Option<string>("--scenario") { Required = true };
var runEngine = new Option<string>("--engine") { Required = true };
runEngine.AcceptOnlyFromAmong(CompareScenario.RiskStreams, CompareScenario.Streamiz, CompareScenario.Pipe);
var runRecords = PositiveIntOption.Create("--records", "Input records.");
var runKeys = PositiveIntOption.Create("--keys", "Distinct keys.");
var compareRun = new Command("compare-run", "One engine on one compare scenario (compare starts these as child processes).") { runScenario, runEngine, runRecords, runKeys };
compareRun.Hidden = true;
compareRun.SetAction(async (parse, ct) =>
{
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
    var result = await CompareChild.RunAsync(parse.GetValue(runScenario)!, parse.GetValue(runEngine)!,
        parse.GetValue(runRecords) ?? CompareOptions.DefaultRecords, parse.GetValue(runKeys) ?? CompareOptions.DefaultKeys, linked.Token);
    await parse.InvocationConfiguration.Output.WriteLineAsync(result.ToJson());
    return 0;
});

root.Add(compare);
root.Add(compareRun);
return await root.Parse(args).InvokeAsync();

void RequestShutdown(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}
