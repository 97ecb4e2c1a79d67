using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Avro.Specific;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using Xunit.Abstractions;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// The Schema Registry goes away while a real <c>riskstreams run</c> meets schema ids it has not fetched yet: the
/// affected tasks pause and retry instead of dead-lettering valid records, and everything is processed once it is back.
/// </summary>
public sealed class RegistryOutageTests(StackFixture stack, ITestOutputHelper log) : IClassFixture<StackFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly EmbeddedSchemaRegistry _registry = new(FreePort());
    private readonly string _stateRoot = Directory.CreateTempSubdirectory("riskstreams-registry-").FullName;

    public Task InitializeAsync() => _registry.StartAsync();

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        Directory.Delete(_stateRoot, recursive: true);
    }

    [Fact]
    public async Task A_registry_outage_mid_stream_pauses_the_affected_tasks_and_no_valid_record_is_dead_lettered()
    {
        var app = new RunInstance(stack, "registry", _stateRoot).CreateTopics();
        app.Settings["RISKSTREAMS__SCHEMAREGISTRY__URL"] = _registry.Url;

        // Serialized while the registry is up; the instance fetches each writer schema when it first meets it.
        var events = new WorkloadGenerator(new WorkloadOptions { Accounts = 100, Seed = 21 }, app.Inputs).Generate()
            .Where(e => e.Topic != app.Inputs.SyncStatus).Take(3000).Select(Serialize).ToList();
        var beforeOutage = events.Where(e => e.Topic == app.Inputs.Transactions).ToList();
        var duringOutage = events.Where(e => e.Topic != app.Inputs.Transactions).ToList();

        using var process = app.Start();
        var address = await RunProcess.MetricsUrlAsync(process, app.Id, Deadline);
        using var http = new HttpClient();
        using var progress = new ConsumerGroupProgress(stack.Cluster.BootstrapServers, app.Id);
        await ProduceAsync(beforeOutage);
        await Wait.UntilAsync(() => progress.Committed(app.GroupTopics) == beforeOutage.Count, $"the transactions committed (stderr: {process.Stderr})", Deadline);

        await _registry.StopAsync();
        await ProduceAsync(duringOutage);
        await Wait.UntilAsync(() => Metric(http, address, "riskstreams_streams_dependency_paused_partitions") > 0, "a task to pause for the registry", Deadline);
        var pausedPartitions = Metric(http, address, "riskstreams_streams_dependency_paused_partitions");
        var committedDuringOutage = progress.Committed(app.GroupTopics);
        await _registry.StartAsync();

        await Wait.UntilAsync(() => progress.CaughtUp(app.GroupTopics), $"the whole input committed after the registry returned (stderr: {process.Stderr})", Deadline);
        await Wait.UntilAsync(() => Metric(http, address, "riskstreams_streams_dependency_paused_partitions") == 0, "every paused partition to resume", Deadline);
        var dead = TopicReader.ReadToEnd(stack.Cluster.BootstrapServers, app.DeadLetters);
        var output = TopicReader.ReadToEnd(stack.Cluster.BootstrapServers, app.Output);
        log.WriteLine($"registry down: {pausedPartitions} partitions paused, {committedDuringOutage} of {events.Count} committed meanwhile; after: " +
            $"{Metric(http, address, "riskstreams_streams_dependency_pauses_total")} pauses, {output.Count} level changes, {dead.Count} dead letters");

        Assert.True(committedDuringOutage < events.Count, "the outage held nothing back");
        Assert.True(Metric(http, address, "riskstreams_streams_dependency_pauses_total") >= 1);
        Assert.All(dead, d => Assert.Equal("processing", Header(d, "dlq.error.stage")));
        Assert.DoesNotContain(dead, d => Header(d, "dlq.error.message").Contains("Schema Registry", StringComparison.Ordinal));
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    private Message<byte[], byte[]> ToMessage((string Topic, string Key, byte[] Value, long Timestamp) e) =>
        new() { Key = Encoding.UTF8.GetBytes(e.Key), Value = e.Value, Timestamp = new Timestamp(e.Timestamp, TimestampType.CreateTime) };

    private async Task ProduceAsync(List<(string Topic, string Key, byte[] Value, long Timestamp)> events)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = stack.Cluster.BootstrapServers,
            Partitioner = Partitioner.Murmur2Random,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        await Task.WhenAll(events.Select(e => producer.ProduceAsync(e.Topic, ToMessage(e))));
    }

    private (string Topic, string Key, byte[] Value, long Timestamp) Serialize(GeneratedEvent e)
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = _registry.Url });
        var context = new SerializationContext(MessageComponentType.Value, e.Topic);
        var bytes = e.Value switch
        {
            Transaction t => new AvroSerializer<Transaction>(client).Serialize(t, context),
            Login l => new AvroSerializer<Login>(client).Serialize(l, context),
            RepaymentSync r => new AvroSerializer<RepaymentSync>(client).Serialize(r, context),
            ReviewDecision review => new AvroSerializer<ReviewDecision>(client).Serialize(review, context),
            ISpecificRecord other => throw new InvalidOperationException($"No serializer for {other.GetType().Name}."),
        };
        return (e.Topic, e.Key, bytes, e.TimestampMs);
    }

    private static double Metric(HttpClient http, Uri address, string name)
    {
        var text = http.GetStringAsync(new Uri(address, "/metrics")).GetAwaiter().GetResult();
        return text.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    private static string Header(ConsumeResult<string?, byte[]?> record, string key) =>
        record.Message.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
