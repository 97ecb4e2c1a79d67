using System.CommandLine;
using System.Runtime.InteropServices;
using RiskStreams.Benchmarks;

// `riskstreams-bench [--scenario NAME] [--records N] [--keys N]`: the benchmark program, kept out of the production
// `riskstreams` binary. One JSON object per line per scenario and variant; figures are printed, never asserted.
using var shutdown = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);

var scenario = new Option<string?>("--scenario") { Description = $"Run one scenario: {string.Join(", ", BenchRunner.Scenarios)} (all when omitted)." };
scenario.AcceptOnlyFromAmong([.. BenchRunner.Scenarios]);
var records = new Option<int?>("--records") { Description = "Input records per scenario (default: each scenario's own; small values give quick runs)." };
var keys = new Option<int?>("--keys") { Description = "Distinct keys (accounts for risk-topology); default: each scenario's own." };
var root = new RootCommand("RiskStreams benchmarks: run the scenarios and print one JSON object per line per scenario.") { scenario, records, keys };
root.SetAction(async (parse, ct) =>
{
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, shutdown.Token);
    var options = new BenchOptions { Scenario = parse.GetValue(scenario), Records = parse.GetValue(records), Keys = parse.GetValue(keys) };
    await BenchRunner.RunAsync(options, parse.InvocationConfiguration.Output, linked.Token);
    return 0;
});

return await root.Parse(args).InvokeAsync();

void RequestShutdown(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}
