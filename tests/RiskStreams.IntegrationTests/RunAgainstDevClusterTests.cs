using System.Net;
using System.Text;
using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Streams;
using RiskStreams.Topology;

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
        var topology = new RiskTopologyOptions();
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, 4);
        }

        // One record that is not Avro on each input topic, the global sync-status topic included, before the start.
        await ProducePoisonAsync(topology.InputTopics);

        using (var first = StartRun())
        {
            await UntilReadyAsync(first);
            await PublishBurstAsync("dev-acct-1", "first");
            Assert.Contains("dev-acct-1", LevelChangeKeys(1));
            var dead = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, 4);
            Assert.Equal(topology.InputTopics.Order(StringComparer.Ordinal), dead.Select(r => Header(r, DeadLetterHeaders.SourceTopic)).Order(StringComparer.Ordinal));
            Assert.All(dead, r => Assert.Equal("deserialization", Header(r, DeadLetterHeaders.Stage)));
            Assert.All(dead, r => Assert.Contains("magic byte", Header(r, DeadLetterHeaders.ErrorMessage), StringComparison.OrdinalIgnoreCase));

            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        }

        // The restart reads the global topic from its beginning again: its poison is skipped (and dead-lettered) again.
        using var second = StartRun();
        await UntilReadyAsync(second);
        await PublishBurstAsync("dev-acct-2", "second");
        Assert.Contains("dev-acct-2", LevelChangeKeys(2));
        var deadAfterRestart = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, 5);
        Assert.Equal(2, deadAfterRestart.Count(r => Header(r, DeadLetterHeaders.SourceTopic) == topology.SyncStatusTopic));
        Assert.Equal(5, deadAfterRestart.Count);
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    private ServiceProcess StartRun() => ServiceProcess.Start("run", new Dictionary<string, string>
    {
        ["RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS"] = stack.Cluster.BootstrapServers,
        ["RISKSTREAMS__KAFKA__APPLICATIONID"] = AppId,
        ["RISKSTREAMS__KAFKA__PROPERTIES__session.timeout.ms"] = "6000",
        ["RISKSTREAMS__SCHEMAREGISTRY__URL"] = stack.Registry.Url,
        ["RISKSTREAMS__METRICS__HOST"] = "127.0.0.1",
        ["RISKSTREAMS__METRICS__PORT"] = "0",
    });

    /// <summary>Waits for the banner, then until <c>/health/ready</c> answers 200 (global table bootstrapped, tasks restored and running).</summary>
    private static async Task UntilReadyAsync(ServiceProcess process)
    {
        const string marker = "metrics at ";
        string? banner = null;
        await Wait.UntilAsync(() => (banner = process.Stdout.Lines().FirstOrDefault(l => l.StartsWith($"riskstreams run: {AppId} on ", StringComparison.Ordinal))) is not null,
            "the run banner");
        var line = banner!;
        var metrics = line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
        using var http = new HttpClient { BaseAddress = new Uri(metrics.Replace("/metrics", "", StringComparison.Ordinal)) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health/ready answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            await Task.Delay(200);
        }
    }

    private async Task ProducePoisonAsync(IEnumerable<string> topics)
    {
        using var producer = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build();
        foreach (var topic in topics)
        {
            await producer.ProduceAsync(topic, new Message<string, byte[]> { Key = "poison-acct", Value = Encoding.UTF8.GetBytes("not avro") });
        }
    }

    /// <summary>Five online purchases 20 s apart for one account: enough for the default policy to change its level.</summary>
    private async Task PublishBurstAsync(string account, string prefix)
    {
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        var t0 = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 5; i++)
        {
            var at = t0.AddSeconds(20 * i);
            publisher.Publish(new GeneratedEvent(ContractTopics.Transactions, account, new Transaction
            {
                eventId = $"{prefix}-{i}", accountId = account, occurredAt = at, amountMinor = 80, currency = "CNY", merchantId = $"m-{i}",
                merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
            }, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private List<string?> LevelChangeKeys(int expected) =>
        [.. TopicReader.ReadAll(stack.Cluster.BootstrapServers, ContractTopics.LevelChanges, expected).Select(r => r.Message.Key)];

    private static string Header(ConsumeResult<string?, byte[]?> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));
}
