using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prometheus;
using RiskStreams.Streams;

namespace RiskStreams.Service;

/// <summary>
/// Serves <c>/metrics</c> (Prometheus text format: the engine's and the pipeline's meters plus .NET
/// runtime metrics) and <c>/health</c> (200 while the processor runs, 503 otherwise).
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusMeterBridge _bridge;

    private MetricsServer(WebApplication app, PrometheusMeterBridge bridge, string url)
    {
        _app = app;
        _bridge = bridge;
        Url = url;
    }

    /// <summary>Base URL actually bound.</summary>
    public string Url { get; }

    public static async Task<MetricsServer> StartAsync(string host, int port, Func<StreamsState?> state, CancellationToken cancellationToken)
    {
        // Our meters go through our own bridge (stable names); prometheus-net's adapter would export them again.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        var registry = Metrics.DefaultRegistry;
        var bridge = new PrometheusMeterBridge(registry);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        var app = builder.Build();
        app.MapMetrics("/metrics");
        app.MapGet("/health", () =>
        {
            var current = state();
            var healthy = current is StreamsState.Running or StreamsState.Rebalancing;
            return Results.Json(new { state = current?.ToString() ?? "Starting" }, statusCode: healthy ? 200 : 503);
        });
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{host}:{port}";
        return new MetricsServer(app, bridge, bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _bridge.Dispose();
    }
}
