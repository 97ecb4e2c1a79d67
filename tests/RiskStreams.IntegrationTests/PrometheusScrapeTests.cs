using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Xunit.Abstractions;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// A real Prometheus (Debian's package) scrapes a real <c>riskstreams dev</c> process every second and evaluates every
/// Grafana panel expression and every alert expression (each comparison in its <c>bool</c> form, see
/// <see cref="PromQueries.WithoutThresholds"/>) through its HTTP API: each must return data.
/// </summary>
public sealed class PrometheusScrapeTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(3);

    [PrometheusFact]
    public async Task Every_dashboard_and_alert_expression_returns_data_from_a_prometheus_scraping_dev()
    {
        var work = Directory.CreateTempSubdirectory("riskstreams-prometheus-");
        try
        {
            var policy = Path.Combine(work.FullName, "policy.yaml");
            File.Copy(Path.Combine(PrometheusTools.RepositoryRoot, "src", "RiskStreams.Risk", "Policies", "default-policy.yaml"), policy);
            using var dev = ServiceProcess.Start(
                $"dev --events 400000 --rate 2000 --accounts 500 --metrics-port 0 --quiet --policy \"{policy}\"", new Dictionary<string, string>());
            await Wait.UntilAsync(() => dev.Stdout.Lines().Any(l => l.StartsWith("Metrics:", StringComparison.Ordinal)) || dev.HasExited, "dev's banner",
                TimeSpan.FromMinutes(2));
            var metrics = new Uri(dev.Stdout.Lines().First(l => l.StartsWith("Metrics:", StringComparison.Ordinal))["Metrics:".Length..].Trim());

            var port = FreePort();
            var config = Path.Combine(work.FullName, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - {PrometheusTools.AlertRules}
                scrape_configs:
                  - job_name: riskstreams
                    static_configs:
                      - targets: ["{metrics.Authority}"]
                """);
            using var prometheus = Process.Start(new ProcessStartInfo(PrometheusTools.Server!)
            {
                ArgumentList = { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(work.FullName, "data")}", $"--web.listen-address=127.0.0.1:{port}" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            prometheus.OutputDataReceived += (_, _) => { };
            prometheus.ErrorDataReceived += (_, _) => { };
            prometheus.BeginOutputReadLine();
            prometheus.BeginErrorReadLine();
            try
            {
                var pending = PromQueries.DashboardTargets(PrometheusTools.Dashboard).Select(t => ($"panel '{t.Panel}'", t.Expr))
                    .Concat(PromQueries.Alerts(PrometheusTools.AlertRules).Select(a => ($"alert {a.Name}", PromQueries.WithoutThresholds(a.Expr))))
                    .ToList();
                var total = pending.Count;
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
                var clock = Stopwatch.StartNew();
                while (pending.Count > 0 && clock.Elapsed < Deadline && !prometheus.HasExited && !dev.HasExited)
                {
                    var answered = new List<(string, string)>();
                    foreach (var (what, expr) in pending)
                    {
                        if (await ResultCountAsync(http, expr) > 0)
                        {
                            answered.Add((what, expr));
                        }
                    }

                    pending.RemoveAll(answered.Contains);
                    if (pending.Count > 0)
                    {
                        await Task.Delay(1000);
                    }
                }

                log.WriteLine($"{total - pending.Count} of {total} expressions returned data after {clock.Elapsed.TotalSeconds:F0} s");
                Assert.False(prometheus.HasExited, "prometheus exited");
                Assert.True(pending.Count == 0, "No data for:\n" + string.Join('\n', pending.Select(p => $"{p.Item1}: {p.Item2}")));
            }
            finally
            {
                prometheus.Kill(entireProcessTree: true);
                await prometheus.WaitForExitAsync();
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>How many series or samples <paramref name="expr"/> returns now (0 while the server is not up yet).</summary>
    private static async Task<int> ResultCountAsync(HttpClient http, string expr)
    {
        try
        {
            using var response = await http.GetAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(expr)}", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode != HttpStatusCode.BadRequest, $"Prometheus refused {expr}: {body}");
            if (!response.IsSuccessStatusCode)
            {
                return 0;
            }

            using var json = JsonDocument.Parse(body);
            var result = json.RootElement.GetProperty("data").GetProperty("result");
            return result.ValueKind == JsonValueKind.Array ? result.GetArrayLength() : 1;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
