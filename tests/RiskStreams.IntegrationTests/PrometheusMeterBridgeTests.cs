using System.Diagnostics.Metrics;
using Prometheus;
using RiskStreams.Service;

namespace RiskStreams.IntegrationTests;

/// <summary>How the bridge exports meters: names, units, and observable gauges whose series come and go.</summary>
public sealed class PrometheusMeterBridgeTests
{
    [Fact]
    public async Task An_observable_gauge_series_no_longer_reported_leaves_the_export_and_seconds_histograms_keep_their_unit()
    {
        var reported = new List<string> { "v1", "v2" };
        using var meter = new Meter("RiskStreams.BridgeTest");
        meter.CreateObservableGauge("riskstreams.bridgetest.info", () => reported.Select(v => new Measurement<long>(1, new KeyValuePair<string, object?>("version", v))));
        var latency = meter.CreateHistogram<double>("riskstreams.bridgetest.latency", "seconds");
        var registry = Metrics.NewCustomRegistry();
        using var bridge = new PrometheusMeterBridge(registry);
        latency.Record(0.003, new KeyValuePair<string, object?>("topic", "out"));

        var first = await ExportAsync(registry);
        Assert.Contains("riskstreams_bridgetest_info{version=\"v1\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("riskstreams_bridgetest_info{version=\"v2\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("riskstreams_bridgetest_latency_seconds_bucket{topic=\"out\",le=\"0.004\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("riskstreams_bridgetest_latency_seconds_bucket{topic=\"out\",le=\"0.001\"} 0\n", first, StringComparison.Ordinal);

        reported.Remove("v1");
        var second = await ExportAsync(registry);
        Assert.DoesNotContain("version=\"v1\"", second, StringComparison.Ordinal);
        Assert.Contains("riskstreams_bridgetest_info{version=\"v2\"} 1\n", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disposed_bridge_leaves_the_series_of_a_newer_bridge_on_the_same_registry_alone()
    {
        using var meter = new Meter("RiskStreams.BridgeTest.Restart");
        meter.CreateObservableGauge("riskstreams.bridgetest.entries", () => new Measurement<long>(7, new KeyValuePair<string, object?>("store", "s")));
        var registry = Metrics.NewCustomRegistry();
        var earlier = new PrometheusMeterBridge(registry);
        Assert.Contains("riskstreams_bridgetest_entries{store=\"s\"} 7\n", await ExportAsync(registry), StringComparison.Ordinal);
        earlier.Dispose();
        using var current = new PrometheusMeterBridge(registry);

        Assert.Contains("riskstreams_bridgetest_entries{store=\"s\"} 7\n", await ExportAsync(registry), StringComparison.Ordinal);
        Assert.Contains("riskstreams_bridgetest_entries{store=\"s\"} 7\n", await ExportAsync(registry), StringComparison.Ordinal);
    }

    private static async Task<string> ExportAsync(CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
