using System.Text;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Streams;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// <c>riskstreams run</c> (a real process) against a cluster set up as <c>riskstreams dev</c> sets up its own: the
/// embedded cluster (no CreateTopics API) with the contract topics, and no store changelogs made beforehand.
/// </summary>
public sealed class RunAgainstDevClusterTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private const string AppId = "run-on-dev";

    [Fact]
    public async Task Run_creates_its_changelogs_skips_poison_on_every_input_topic_keeps_deciding_and_restarts()
    {
        var topology = RunProcess.CreateDevTopics(stack);

        // One record that is not Avro on each input topic, the global sync-status topic included, before the start.
        await ProducePoisonAsync(topology.InputTopics);

        using (var first = RunProcess.Start(stack, AppId))
        {
            await RunProcess.UntilReadyAsync(first, AppId);
            await RunProcess.PublishBurstAsync(stack, "dev-acct-1", "first");
            Assert.Contains("dev-acct-1", LevelChangeKeys(1));
            var dead = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, topology.InputTopics.Count);
            Assert.Equal(topology.InputTopics.Order(StringComparer.Ordinal), dead.Select(r => Header(r, DeadLetterHeaders.SourceTopic)).Order(StringComparer.Ordinal));
            Assert.All(dead, r => Assert.Equal("deserialization", Header(r, DeadLetterHeaders.Stage)));
            Assert.All(dead, r => Assert.Contains("magic byte", Header(r, DeadLetterHeaders.ErrorMessage), StringComparison.OrdinalIgnoreCase));

            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        // The restart reads the global topic from its beginning again: its poison is skipped (and dead-lettered) again.
        using var second = RunProcess.Start(stack, AppId);
        await RunProcess.UntilReadyAsync(second, AppId);
        await RunProcess.PublishBurstAsync(stack, "dev-acct-2", "second");
        Assert.Contains("dev-acct-2", LevelChangeKeys(2));
        var deadAfterRestart = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, topology.InputTopics.Count + 1);
        Assert.Equal(2, deadAfterRestart.Count(r => Header(r, DeadLetterHeaders.SourceTopic) == topology.SyncStatusTopic));
        Assert.Equal(topology.InputTopics.Count + 1, deadAfterRestart.Count);
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    private async Task ProducePoisonAsync(IEnumerable<string> topics)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build();
        foreach (var topic in topics)
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "poison-acct", Value = Encoding.UTF8.GetBytes("not avro") });
        }
    }

    private List<string?> LevelChangeKeys(int expected) =>
        [.. TopicReader.ReadAll(stack.Cluster.BootstrapServers, ContractTopics.LevelChanges, expected).Select(r => r.Message.Key)];

    private static string Header(ConsumeResult<string?, byte[]?> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));
}
