using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Service;
using RiskStreams.Service.Dev;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams dev</c> end to end: changes printed, output readable by another client, metrics served.</summary>
public sealed class DevCommandTests
{
    [Fact]
    public async Task Dev_prints_changes_serves_metrics_and_lets_another_client_read_the_output()
    {
        var output = new SynchronizedWriter();
        // Unbounded input, stopped (as Ctrl-C does) once the checks are done: however slow a loaded machine is, dev still
        // serves while they run.
        var options = new DevOptions { Rate = 2000, MetricsPort = 0, Accounts = 300, Seed = 7 };
        using var stop = new CancellationTokenSource();
        var run = Task.Run(() => new DevRunner(options, output, NullLoggerFactory.Instance).RunAsync(stop.Token));

        await Wait.UntilAsync(() => output.Lines().Any(l => l.StartsWith("Metrics:", StringComparison.Ordinal)), "the start banner");
        var bootstrap = Value(output, "Kafka bootstrap:");
        var metricsUrl = Value(output, "Metrics:");
        await Wait.UntilAsync(() => output.Lines().Any(l => l.Contains(" -> ", StringComparison.Ordinal)), "a printed change");

        using var http = new HttpClient();

        // The review console's API answers for the account of a printed change with the token printed at start, and only with it.
        var console = Value(output, "Review console:");
        var (consoleUrl, token) = (new Uri(console.Split(' ')[0]), console[(console.LastIndexOf(' ') + 1)..^1]);
        var account = output.Lines().First(l => l.Contains(" -> ", StringComparison.Ordinal)).Split(' ')[2];
        HttpResponseMessage Risk()
        {
            using var risk = new HttpRequestMessage(HttpMethod.Get, new Uri(consoleUrl, $"/accounts/{account}/risk"));
            risk.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            return http.Send(risk);
        }

        // Account states reach the store within a commit interval of the printed change.
        await Wait.UntilAsync(() =>
        {
            using var served = Risk();
            return served.StatusCode == System.Net.HttpStatusCode.OK;
        }, "the account of a printed change to be served");
        using var answer = Risk();
        Assert.Equal(account, System.Text.Json.JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("accountId").GetString());
        using var anonymous = await http.GetAsync(new Uri(consoleUrl, $"/accounts/{account}/risk"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);

        // Account states reach the store at the task's commit (written behind within a commit interval), so the store-size
        // gauge may still read 0 at the first printed change: scrape until it has counted some.
        var storeEntries = new System.Text.RegularExpressions.Regex(
            "riskstreams_streams_store_entries\\{application=\"riskstreams-dev\",task=\"[0-9]+_[0-3]\",store=\"account-risk-state\"\\} [1-9]");
        var metrics = await http.GetStringAsync(new Uri(metricsUrl));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!storeEntries.IsMatch(metrics) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            metrics = await http.GetStringAsync(new Uri(metricsUrl));
        }

        Assert.Contains("riskstreams_events_consumed_total{stream=\"transactions\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("riskstreams_level_changes_total{level=", metrics, StringComparison.Ordinal);

        // At least one assignment: with the entity sub-topologies the cooperative assignor may hand the partitions out in two rounds.
        Assert.Matches("riskstreams_streams_rebalances_total\\{thread=\"riskstreams-dev-StreamThread-1\",kind=\"assigned\"\\} [1-9]", metrics);
        Assert.Matches(storeEntries, metrics);
        Assert.Contains("riskstreams_streams_records_processed_total{thread=\"riskstreams-dev-StreamThread-1\",task=\"0_", metrics, StringComparison.Ordinal);

        if (Kcat.Path is { } kcat)
        {
            // A real third-party client reads the output topic from the printed bootstrap address (decisions wait for their
            // entity enrichment, so the topic may hold fewer than three changes at first: read again until it does).
            var read = 0;
            var kcatDeadline = DateTime.UtcNow.AddSeconds(30);
            while (read < 3 && DateTime.UtcNow < kcatDeadline)
            {
                var keys = await Kcat.RunAsync(kcat, $"-b {bootstrap} -C -t risk.level.changes -o beginning -c 3 -e -f %k\\n");
                read = keys.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(k => k.StartsWith("acct-", StringComparison.Ordinal));
            }

            Assert.Equal(3, read);
        }

        await stop.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromMinutes(2)));
        var lines = output.Lines();
        var summary = Assert.Single(lines, l => l.StartsWith("dev: ", StringComparison.Ordinal));
        Assert.Matches(@"^dev: \d+ events published, ", summary);
        var printed = lines.Count(l => l.Contains(" -> ", StringComparison.Ordinal));
        Assert.Contains($", {printed} risk-level changes (", summary, StringComparison.Ordinal);
        Assert.True(printed > 0);
    }

    private static string Value(SynchronizedWriter output, string label) =>
        output.Lines().First(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim();
}
