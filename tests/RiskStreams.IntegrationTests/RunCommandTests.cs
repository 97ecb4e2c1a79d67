using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams run</c> as a real process configured through environment variables.</summary>
public sealed class RunCommandTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Run_fails_at_start_naming_the_missing_setting()
    {
        using var process = ServiceProcess.Start("run", new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS"] = "",
        });
        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(
            "riskstreams: RiskStreams:Kafka:BootstrapServers is required (environment: RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS).",
            process.Stderr.Lines());
    }

    [Fact]
    public async Task Run_processes_from_the_configured_cluster_and_stops_cleanly_on_sigterm()
    {
        foreach (var topic in new[] { ContractTopics.Transactions, ContractTopics.Logins, ContractTopics.Repayments, ContractTopics.SyncStatus, ContractTopics.Reviews, ContractTopics.LevelChanges })
        {
            stack.Cluster.CreateTopic(topic, 4);
        }

        // The embedded cluster has no CreateTopics API, so `run` (AdminClient) finds the store changelogs made beforehand,
        // as on a cluster where internal topics are provisioned ahead of deployment.
        foreach (var store in new[] { RiskStoreNames.AccountState, RiskStoreNames.PendingSync, RiskStoreNames.ReorderBuffer, RiskStoreNames.StepDownTimers })
        {
            stack.Cluster.CreateTopic($"run-test-{store}-changelog", 4);
        }

        using var process = ServiceProcess.Start("run", new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS"] = stack.Cluster.BootstrapServers,
            ["RISKSTREAMS__KAFKA__APPLICATIONID"] = "run-test",
            ["RISKSTREAMS__SCHEMAREGISTRY__URL"] = stack.Registry.Url,
            ["RISKSTREAMS__METRICS__HOST"] = "127.0.0.1",
            ["RISKSTREAMS__METRICS__PORT"] = "0",
        });
        await Wait.UntilAsync(() => process.Stdout.Lines().Any(l => l.StartsWith("riskstreams run: run-test on ", StringComparison.Ordinal)), "the run banner");

        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using (var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry))
        {
            var t0 = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);

            // Five probes, then an ordinary purchase that carries the partition's stream time past the reorder grace
            // (decisions go by stream time only).
            for (var i = 0; i < 6; i++)
            {
                var at = t0.AddSeconds(20 * i);
                publisher.Publish(new GeneratedEvent(ContractTopics.Transactions, "run-acct", new Transaction
                {
                    eventId = $"run-{i}", accountId = "run-acct", occurredAt = at, amountMinor = i < 5 ? 80 : 5_000, currency = "CNY", merchantId = $"m-{i}",
                    merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
                }, (long)(at - DateTime.UnixEpoch).TotalMilliseconds));
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        var change = Assert.Single(TopicReader.ReadAll(stack.Cluster.BootstrapServers, ContractTopics.LevelChanges, 1));
        Assert.Equal("run-acct", change.Message.Key);

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("riskstreams run: stopping", process.Stdout.Lines());
    }
}
