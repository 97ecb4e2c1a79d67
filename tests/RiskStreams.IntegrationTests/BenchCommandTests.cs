using System.Text.Json;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams bench</c> as a process: one JSON object per line per scenario. Figures are printed, never asserted.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_prints_one_json_line_per_inproc_window_variant_with_the_required_fields()
    {
        using var process = ServiceProcess.Start("bench --scenario inproc-window --records 2000 --keys 100", new Dictionary<string, string>());

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        var lines = process.Stdout.Lines().Where(l => l.Length > 0).ToList();
        Assert.Equal(3, lines.Count);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(results, r => Assert.Equal("inproc-window", r.GetProperty("scenario").GetString()));
        Assert.Equal(["in-memory", "rocksdb", "in-memory-cached"], results.Select(r => r.GetProperty("variant").GetString()));

        var memory = results[0];
        Assert.False(memory.TryGetProperty("skipped", out _));
        Assert.Equal(2000, memory.GetProperty("records").GetInt64());
        // Every record falls in 10 hopping windows (10 min / 1 min) and every update is forwarded.
        Assert.Equal(20_000, memory.GetProperty("outputRecords").GetInt64());
        Assert.Equal(0, memory.GetProperty("droppedRecords").GetInt64());
        foreach (var field in new[] { "inputEventsPerSec", "p50Ms", "p99Ms", "peakRssMb", "stateBytesPerKey", "seconds" })
        {
            Assert.Equal(JsonValueKind.Number, memory.GetProperty(field).ValueKind);
        }

        Assert.True(memory.GetProperty("p50Ms").GetDouble() <= memory.GetProperty("p99Ms").GetDouble());

        // A variant whose store is not in the build says why instead of printing figures.
        foreach (var skipped in results.Skip(1).Where(r => r.TryGetProperty("skipped", out _)))
        {
            Assert.False(string.IsNullOrWhiteSpace(skipped.GetProperty("skipped").GetString()));
            Assert.False(skipped.TryGetProperty("inputEventsPerSec", out _));
        }
    }

    [Fact]
    public async Task Bench_rejects_an_unknown_scenario_without_running_anything()
    {
        using var process = ServiceProcess.Start("bench --scenario no-such-scenario", new Dictionary<string, string>());

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(process.Stdout.Lines(), l => l.StartsWith('{'));
        Assert.Contains("no-such-scenario", string.Join('\n', process.Stderr.Lines()), StringComparison.Ordinal);
    }
}
