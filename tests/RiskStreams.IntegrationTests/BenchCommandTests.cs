using System.Text.Json;

namespace RiskStreams.IntegrationTests;

/// <summary>The benchmark program <c>riskstreams-bench</c> as a process: one JSON object per line per scenario. Figures are printed, never asserted.</summary>
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_prints_one_json_line_per_inproc_window_variant_with_the_required_fields()
    {
        using var process = ServiceProcess.Start("--scenario inproc-window --records 2000 --keys 100", new Dictionary<string, string>(), "riskstreams-bench");

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(2)));
        var lines = process.Stdout.Lines().Where(l => l.Length > 0).ToList();
        Assert.Equal(4, lines.Count);
        var results = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(results, r => Assert.Equal("inproc-window", r.GetProperty("scenario").GetString()));
        Assert.Equal(["in-memory", "rocksdb", "in-memory-cached", "rocksdb-cached"], results.Select(r => r.GetProperty("variant").GetString()));

        foreach (var result in results)
        {
            Assert.False(result.TryGetProperty("skipped", out _));
            Assert.Equal(2000, result.GetProperty("records").GetInt64());

            // Every record falls in 10 hopping windows (10 min / 1 min) and every update is forwarded, whatever the store.
            Assert.Equal(20_000, result.GetProperty("outputRecords").GetInt64());
            Assert.Equal(0, result.GetProperty("droppedRecords").GetInt64());
            foreach (var field in new[] { "inputEventsPerSec", "p50Ms", "p99Ms", "peakRssMb", "stateBytesPerKey", "seconds", "changelogRecords" })
            {
                Assert.Equal(JsonValueKind.Number, result.GetProperty(field).ValueKind);
            }

            Assert.True(result.GetProperty("p50Ms").GetDouble() <= result.GetProperty("p99Ms").GetDouble());
        }

        // Uncached stores log every update; the cache coalesces a window's updates within a commit.
        Assert.Equal([20_000L, 20_000L], results.Take(2).Select(r => r.GetProperty("changelogRecords").GetInt64()));
        Assert.All(results.Skip(2), r => Assert.True(r.GetProperty("changelogRecords").GetInt64() < 20_000));
    }

    [Fact]
    public async Task Bench_rejects_an_unknown_scenario_without_running_anything()
    {
        using var process = ServiceProcess.Start("--scenario no-such-scenario", new Dictionary<string, string>(), "riskstreams-bench");

        Assert.NotEqual(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain(process.Stdout.Lines(), l => l.StartsWith('{'));
        Assert.Contains("no-such-scenario", string.Join('\n', process.Stderr.Lines()), StringComparison.Ordinal);
    }
}
