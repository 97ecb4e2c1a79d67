using System.CommandLine;
using RiskStreams.Benchmarks;

namespace RiskStreams.Service;

/// <summary>
/// <c>riskstreams bench [--scenario NAME] [--records N] [--keys N]</c>: runs the benchmark scenarios (see
/// <see cref="BenchRunner"/>) and prints one JSON object per line per scenario.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(Func<CancellationToken, Func<CancellationToken, Task<int>>, Task<int>> guard)
    {
        var scenario = new Option<string?>("--scenario") { Description = $"Run one scenario: {string.Join(", ", BenchRunner.Scenarios)} (all when omitted)." };
        scenario.AcceptOnlyFromAmong([.. BenchRunner.Scenarios]);
        var records = new Option<int?>("--records") { Description = "Input records per scenario (default: each scenario's own; small values give quick runs)." };
        var keys = new Option<int?>("--keys") { Description = "Distinct keys (accounts for risk-topology); default: each scenario's own." };
        var command = new Command("bench", "Run the benchmarks and print one JSON object per line per scenario.") { scenario, records, keys };
        command.SetAction((parse, ct) => guard(ct, async token =>
        {
            var options = new BenchOptions { Scenario = parse.GetValue(scenario), Records = parse.GetValue(records), Keys = parse.GetValue(keys) };
            await BenchRunner.RunAsync(options, parse.InvocationConfiguration.Output, token);
            return 0;
        }));
        return command;
    }
}
