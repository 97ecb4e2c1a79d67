using System.Text.Json;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// <c>riskstreams-bench compare --quick</c> as a process: proves the side-by-side comparison runs on both engines and compares
/// their outputs. Figures are printed, never asserted.
/// </summary>
public sealed class BenchCompareTests
{
    [Fact]
    public async Task Compare_quick_runs_each_scenario_on_both_engines_with_equal_outputs_and_prints_a_table()
    {
        using var process = ServiceProcess.Start("compare --quick", new Dictionary<string, string>(), "riskstreams-bench");

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(6)));
        var lines = process.Stdout.Lines().ToList();
        var results = lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(r => r.GetProperty("scenario").GetString()!);
        Assert.Equal(
            ["window-tumbling-inmemory-inproc", "window-tumbling-rocksdb-inproc", "window-hopping-inmemory-inproc", "window-hopping-rocksdb-inproc",
                "window-sliding-inmemory-inproc", "window-session-inmemory-inproc", "window-tumbling-inmemory-e2e", "ceiling-pipe-e2e", "risk-topology-inproc"],
            results.Keys);

        foreach (var name in results.Keys.Where(n => n.StartsWith("window-tumbling", StringComparison.Ordinal) || n.StartsWith("window-hopping", StringComparison.Ordinal)))
        {
            var result = results[name];
            var perRecord = name.Contains("hopping", StringComparison.Ordinal) ? 10 : 1;
            Assert.True(result.GetProperty("outputsEqual").GetBoolean(), $"{name}: outputs differ");
            foreach (var engine in new[] { "riskStreams", "streamiz" })
            {
                var summary = result.GetProperty(engine);
                Assert.Equal(1, summary.GetProperty("runs").GetInt32());
                Assert.Equal(500 * perRecord, summary.GetProperty("outputs").GetInt64());
                Assert.Equal(JsonValueKind.Number, summary.GetProperty("medianRecordsPerSec").ValueKind);
                Assert.Equal(JsonValueKind.Number, summary.GetProperty("peakRssMb").ValueKind);
            }

            Assert.Equal(JsonValueKind.Number, result.GetProperty("ratio").ValueKind);
        }

        // The risk decider on both engines' processor APIs decides the same level changes.
        var risk = results["risk-topology-inproc"];
        Assert.True(risk.GetProperty("outputsEqual").GetBoolean(), "risk-topology-inproc: outputs differ");
        var riskOutputs = risk.GetProperty("riskStreams").GetProperty("outputs").GetInt64();
        Assert.True(riskOutputs > 0, "the risk workload decided no level change");
        Assert.Equal(riskOutputs, risk.GetProperty("streamiz").GetProperty("outputs").GetInt64());

        // End to end, both engines' start-up (start until the first output record) is reported apart from the rate.
        foreach (var engine in new[] { "riskStreams", "streamiz" })
        {
            Assert.Equal(JsonValueKind.Number, results["window-tumbling-inmemory-e2e"].GetProperty(engine).GetProperty("medianStartUpSeconds").ValueKind);
        }

        foreach (var kind in new[] { "sliding", "session" })
        {
            var result = results[$"window-{kind}-inmemory-inproc"];
            Assert.Equal($"Streamiz.Kafka.Net 1.8.2 has no {kind} windows", result.GetProperty("streamizUnsupported").GetString());
            Assert.False(result.TryGetProperty("streamiz", out _));
            Assert.Equal(1, result.GetProperty("riskStreams").GetProperty("runs").GetInt32());
        }

        // The ceiling moves as many records as hopping windows write: 10 output (and 10 changelog) records per input record.
        Assert.Equal(5000, results["ceiling-pipe-e2e"].GetProperty("pipe").GetProperty("outputs").GetInt64());
        Assert.Contains(lines, l => l.StartsWith("scenario ", StringComparison.Ordinal) && l.Contains("Streamiz rec/s", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("window-session-inmemory-inproc ", StringComparison.Ordinal) && l.Contains("has no session windows", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bench_refuses_a_non_numeric_record_count_with_a_plain_message()
    {
        using var process = ServiceProcess.Start("--records small", new Dictionary<string, string>(), "riskstreams-bench");

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var error = string.Join('\n', process.Stderr.Lines());
        Assert.Contains("--records takes a positive whole number (e.g. --records 20000), not 'small'.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        Assert.DoesNotContain(process.Stdout.Lines(), l => l.StartsWith('{'));
    }
}
