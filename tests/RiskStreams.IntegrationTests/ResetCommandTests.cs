using Confluent.Kafka;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams reset</c> as a real process against the embedded cluster.</summary>
public sealed class ResetCommandTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Reset_dry_run_prints_one_line_per_action_with_counts_and_exits_0()
    {
        var id = Guid.NewGuid().ToString("N");
        var (input, appId) = ($"reset-in-{id}", $"reset-app-{id}");
        var repartition = $"{appId}-by-key-repartition";
        var stateRoot = Path.Combine(Path.GetTempPath(), $"reset-cli-{id}");
        stack.Cluster.CreateTopic(input, 2);
        stack.Cluster.CreateTopic(repartition, 2);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(new TopicPartition(input, 0), new Message<string, string> { Key = "a", Value = "1" });
            await producer.ProduceAsync(new TopicPartition(input, 0), new Message<string, string> { Key = "b", Value = "2" });
            await producer.ProduceAsync(new TopicPartition(repartition, 1), new Message<string, string> { Key = "a", Value = "1" });
        }

        using (var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = stack.Cluster.BootstrapServers, GroupId = appId }).Build())
        {
            consumer.Commit([new TopicPartitionOffset(input, 0, 2)]);
        }

        var taskDirectory = Directory.CreateDirectory(Path.Combine(stateRoot, appId, "0_0"));
        await File.WriteAllTextAsync(Path.Combine(taskDirectory.FullName, ".checkpoint"), "0\n");
        try
        {
            using var process = ServiceProcess.Start(
                $"reset --dry-run --bootstrap-servers {stack.Cluster.BootstrapServers} --application-id {appId} --input-topics {input} --state-dir {stateRoot}",
                new Dictionary<string, string>());

            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            const string prefix = "riskstreams reset (dry run)";
            Assert.Equal(
                [
                    $"{prefix}: {appId}: joined the consumer group alone: no active members",
                    $"{prefix}: would reset offsets of {input}: 2 partitions (0: 2 -> 0, 1: none -> 0)",
                    $"{prefix}: would delete internal topic {repartition}: 2 partitions, 1 records",
                    $"{prefix}: would delete state directory {Path.Combine(stateRoot, appId)}: 1 files",
                    $"{prefix}: nothing changed: 1 input topics, 2 partitions, 1 internal topics",
                ],
                process.Stdout.Lines());
            Assert.True(File.Exists(Path.Combine(taskDirectory.FullName, ".checkpoint")));
        }
        finally
        {
            Directory.Delete(stateRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Reset_takes_input_topics_and_state_directory_from_configuration()
    {
        var id = Guid.NewGuid().ToString("N");
        var appId = $"reset-cfg-{id}";
        var stateRoot = Path.Combine(Path.GetTempPath(), $"reset-cfg-{id}");
        string[] inputs = [$"tx-{id}", $"logins-{id}", $"repay-{id}", $"sync-{id}", $"reviews-{id}"];
        foreach (var topic in inputs)
        {
            stack.Cluster.CreateTopic(topic, 1);
        }

        Directory.CreateDirectory(Path.Combine(stateRoot, appId, "0_0"));
        await File.WriteAllTextAsync(Path.Combine(stateRoot, appId, "0_0", ".checkpoint"), "0\n");
        try
        {
            using var process = ServiceProcess.Start(
                $"reset --dry-run --bootstrap-servers {stack.Cluster.BootstrapServers} --application-id {appId} --internal-topics {appId}-none-changelog",
                new Dictionary<string, string>
                {
                    ["RISKSTREAMS__TOPICS__TRANSACTIONS"] = inputs[0],
                    ["RISKSTREAMS__TOPICS__LOGINS"] = inputs[1],
                    ["RISKSTREAMS__TOPICS__REPAYMENTS"] = inputs[2],
                    ["RISKSTREAMS__TOPICS__SYNCSTATUS"] = inputs[3],
                    ["RISKSTREAMS__TOPICS__REVIEWS"] = inputs[4],
                    ["RISKSTREAMS__KAFKA__STATEDIRECTORY"] = stateRoot,
                });

            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(90)));
            const string prefix = "riskstreams reset (dry run)";
            Assert.Equal(
                [
                    $"{prefix}: {appId}: joined the consumer group alone: no active members",
                    .. inputs.Select(t => $"{prefix}: would reset offsets of {t}: 1 partitions (0: none -> 0)"),
                    $"{prefix}: internal topic {appId}-none-changelog is not in the cluster, skipped",
                    $"{prefix}: would delete state directory {Path.Combine(stateRoot, appId)}: 1 files",
                    $"{prefix}: nothing changed: 5 input topics, 5 partitions, 0 internal topics",
                ],
                process.Stdout.Lines());
        }
        finally
        {
            Directory.Delete(stateRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Reset_with_a_time_that_is_not_iso_8601_exits_2_naming_the_option()
    {
        using var process = ServiceProcess.Start(
            $"reset --bootstrap-servers {stack.Cluster.BootstrapServers} --application-id bad-args --to-datetime yesterday",
            new Dictionary<string, string>());

        Assert.Equal(2, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(["riskstreams: --to-datetime is not an ISO-8601 time: 'yesterday' (e.g. 2026-03-01T00:00:00Z)."], process.Stderr.Lines());
        Assert.Empty(process.Stdout.Lines());
    }
}
