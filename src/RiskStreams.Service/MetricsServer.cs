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
/// runtime metrics) and health: <c>/health/live</c> and <c>/health/ready</c> (200 or 503 as <see cref="HealthReport"/>
/// says) and <c>/health</c> (200 while the processor runs or rebalances and reaches a broker, 503 otherwise); each
/// answers the report as JSON.
/// </summary>
internal sealed class MetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly PrometheusMeterBridge _bridge;
    private readonly IDisposable _healthMetric;

    private MetricsServer(WebApplication app, PrometheusMeterBridge bridge, IDisposable healthMetric, string url)
    {
        _app = app;
        _bridge = bridge;
        _healthMetric = healthMetric;
        Url = url;
    }

    /// <summary>Base URL actually bound.</summary>
    public string Url { get; }

    /// <param name="host">Address to bind.</param>
    /// <param name="port">Port to bind; 0 for a free one.</param>
    /// <param name="streams">The processor's instance once it exists.</param>
    /// <param name="unreachableGrace">How long the consumers may be without a broker before the instance is not ready.</param>
    /// <param name="cancellationToken">Stops the start.</param>
    /// <param name="accountApi">The account risk API and review console, served on the same port when given (and enabled).</param>
    public static async Task<MetricsServer> StartAsync(string host, int port, Func<KafkaStreams?> streams, TimeSpan unreachableGrace, CancellationToken cancellationToken,
        Api.AccountApi? accountApi = null)
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
        app.MapGet("/health", () => Answer(r => r.Healthy));
        app.MapGet("/health/live", () => Answer(r => r.Live));
        app.MapGet("/health/ready", () => Answer(r => r.Ready));
        accountApi?.Map(app);
        await app.StartAsync(cancellationToken);

        IResult Answer(Func<HealthReport, bool> ok)
        {
            var report = HealthReport.Of(streams(), unreachableGrace);
            return Results.Json(
                new { state = report.State, live = report.Live, ready = report.Ready, brokersUnreachableSeconds = report.BrokersUnreachableSeconds },
                statusCode: ok(report) ? 200 : 503);
        }

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? $"http://{host}:{port}";
        return new MetricsServer(app, bridge, ServiceMetrics.Track(() => HealthReport.Of(streams(), unreachableGrace)), bound.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _healthMetric.Dispose();
        _bridge.Dispose();
    }
}
