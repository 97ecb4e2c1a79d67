using System.Net;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Service;
using RiskStreams.Streams;

namespace RiskStreams.IntegrationTests;

/// <summary><c>/health</c>, <c>/health/live</c> and <c>/health/ready</c> over HTTP, driven by a real instance on the embedded cluster.</summary>
public sealed class HealthEndpointTests
{
    private static readonly Serde<string> Strict = Serde<string>.From(
        (_, v) => Encoding.UTF8.GetBytes(v),
        (_, data, _) => Encoding.UTF8.GetString(data) is "bad" ? throw new FormatException("value 'bad' is not accepted") : Encoding.UTF8.GetString(data));

    [Fact]
    public async Task Live_and_ready_while_running_and_neither_once_the_global_thread_died()
    {
        await using var cluster = EmbeddedKafkaCluster.Start();
        var id = Guid.NewGuid().ToString("N");
        var (table, input) = ($"health-table-{id}", $"health-in-{id}");
        cluster.CreateTopic(table, 1);
        cluster.CreateTopic(input, 1);
        await using var streams = new KafkaStreams(Topology(table, input), Options(cluster, $"health-{id}"));
        await using var server = await MetricsServer.StartAsync("127.0.0.1", 0, () => streams, TimeSpan.FromSeconds(10), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        streams.Start();
        await Wait.UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");

        Assert.Equal((HttpStatusCode.OK, "Running"), await GetAsync(http, "/health/ready"));
        Assert.Equal((HttpStatusCode.OK, "Running"), await GetAsync(http, "/health/live"));
        Assert.Equal((HttpStatusCode.OK, "Running"), await GetAsync(http, "/health"));

        await ProduceAsync(cluster, table, "k", "bad");
        await Wait.UntilAsync(() => streams.State == StreamsState.Error, "the instance to stop in error");

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Error"), await GetAsync(http, "/health/ready"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Error"), await GetAsync(http, "/health/live"));
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Error"), await GetAsync(http, "/health"));
    }

    [Fact]
    public async Task Not_ready_but_live_once_no_broker_was_reachable_for_longer_than_the_grace()
    {
        var cluster = EmbeddedKafkaCluster.Start();
        var id = Guid.NewGuid().ToString("N");
        var (table, input) = ($"outage-table-{id}", $"outage-in-{id}");
        cluster.CreateTopic(table, 1);
        cluster.CreateTopic(input, 1);
        await using var streams = new KafkaStreams(Topology(table, input), Options(cluster, $"outage-{id}"));
        await using var server = await MetricsServer.StartAsync("127.0.0.1", 0, () => streams, TimeSpan.FromSeconds(2), CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        streams.Start();
        await Wait.UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");
        Assert.Equal((HttpStatusCode.OK, "Running"), await GetAsync(http, "/health/ready"));

        // The whole cluster goes away: every broker connection fails from now on.
        await cluster.DisposeAsync();
        var gone = System.Diagnostics.Stopwatch.StartNew();
        await Wait.UntilAsync(() => streams.BrokersUnreachableFor > TimeSpan.FromSeconds(2), "the consumers to report no broker for longer than the grace");

        var ready = await GetReportAsync(http, "/health/ready");
        Console.WriteLine($"outage: /health/ready reports {ready.UnreachableSeconds:0.0} s without a broker, {gone.Elapsed.TotalSeconds:0.0} s after the cluster went away");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.Status);
        Assert.True(ready.UnreachableSeconds > 2, $"/health/ready reported {ready.UnreachableSeconds} s without a broker");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(http, "/health")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/health/live")).Status);
    }

    [Fact]
    public async Task Run_answers_not_ready_but_live_while_its_cluster_is_gone()
    {
        var stack = new StackFixture();
        await stack.InitializeAsync();
        try
        {
            RunProcess.CreateDevTopics(stack);
            using var process = RunProcess.Start(stack, "run-outage", new Dictionary<string, string> { ["RISKSTREAMS__METRICS__UNREACHABLEGRACESECONDS"] = "2" });
            await RunProcess.UntilReadyAsync(process, "run-outage");
            using var http = new HttpClient { BaseAddress = await RunProcess.MetricsUrlAsync(process, "run-outage") };
            await RunProcess.PublishBurstAsync(stack, "outage-acct", "outage");

            await stack.Cluster.DisposeAsync();
            var gone = System.Diagnostics.Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while ((await GetReportAsync(http, "/health/ready")).Status != HttpStatusCode.ServiceUnavailable)
            {
                Assert.True(DateTime.UtcNow < deadline, "/health/ready still answered 200 a minute after the cluster went away.");
                await Task.Delay(200);
            }

            var ready = await GetReportAsync(http, "/health/ready");
            Console.WriteLine($"run outage: /health/ready 503 {gone.Elapsed.TotalSeconds:0.0} s after the cluster went away ({ready.UnreachableSeconds:0.0} s without a broker)");
            Assert.True(ready.UnreachableSeconds > 2, $"/health/ready reported {ready.UnreachableSeconds} s without a broker");
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "/health/live")).Status);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await GetAsync(http, "/health")).Status);
            process.KillHard();
        }
        finally
        {
            await stack.DisposeAsync();
        }
    }

    private static async Task<(HttpStatusCode Status, string State)> GetAsync(HttpClient http, string path)
    {
        var (status, state, _) = await GetReportAsync(http, path);
        return (status, state);
    }

    private static async Task<(HttpStatusCode Status, string State, double? UnreachableSeconds)> GetReportAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var unreachable = body.RootElement.GetProperty("brokersUnreachableSeconds");
        return (response.StatusCode, body.RootElement.GetProperty("state").GetString()!,
            unreachable.ValueKind == JsonValueKind.Number ? unreachable.GetDouble() : null);
    }

    /// <summary>Input passed through, and a global table whose values fail to deserialize on "bad" (default handlers: fatal).</summary>
    private static Streams.Topology Topology(string table, string input)
    {
        var builder = new StreamsBuilder();
        var globalTable = builder.GlobalTable(table, Consumed.With(Serdes.String, Strict));
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .Join(globalTable, (k, _) => k, (v, t) => $"{v}/{t}")
            .To($"{input}-out", Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    private static StreamsOptions Options(EmbeddedKafkaCluster cluster, string applicationId) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = cluster.BootstrapServers,
        ClientProperties = new Dictionary<string, string> { ["session.timeout.ms"] = "3000", ["heartbeat.interval.ms"] = "500" },
    };

    private static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, string key, string value)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value });
    }
}
