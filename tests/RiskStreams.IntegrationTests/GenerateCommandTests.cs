using Confluent.Kafka;
using RiskStreams.Avro;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams generate</c> as a real process publishing to a cluster and registry it did not start.</summary>
public sealed class GenerateCommandTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Generate_publishes_the_requested_events_to_the_input_topics_and_registers_their_schemas()
    {
        using var process = ServiceProcess.Start(
            $"generate --bootstrap {stack.Cluster.BootstrapServers} --registry {stack.Registry.Url} --events 500 --rate 0", new Dictionary<string, string>());

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(120)));
        var lines = process.Stdout.Lines();
        Assert.Equal($"riskstreams generate: 1000 accounts at 0 events/s to {stack.Cluster.BootstrapServers} (registry {stack.Registry.Url})", lines[0]);
        Assert.StartsWith("riskstreams generate: 500 events published in ", lines[^1], StringComparison.Ordinal);
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = stack.Cluster.BootstrapServers, GroupId = "watermarks" }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build();
        string[] inputs = [ContractTopics.Transactions, ContractTopics.Logins, ContractTopics.Repayments, ContractTopics.SyncStatus];
        var records = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Where(t => inputs.Contains(t.Topic))
            .SelectMany(t => t.Partitions.Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(t.Topic, p.PartitionId), TimeSpan.FromSeconds(10)).High.Value))
            .Sum();
        Assert.Equal(500, records);
        using var http = new HttpClient();
        var subjects = await http.GetStringAsync(new Uri($"{stack.Registry.Url}/subjects"));
        Assert.Contains($"\"{ContractTopics.Transactions}-value\"", subjects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generate_with_a_registry_that_is_not_a_url_exits_2_naming_the_option()
    {
        using var process = ServiceProcess.Start($"generate --bootstrap {stack.Cluster.BootstrapServers} --registry registry:8081x", new Dictionary<string, string>());

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(["riskstreams: --registry is not an http(s) URL: 'registry:8081x'."], process.Stderr.Lines());
    }
}
