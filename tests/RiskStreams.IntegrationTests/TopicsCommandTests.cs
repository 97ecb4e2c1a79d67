using Confluent.Kafka;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams topics create|check</c> as a real process against the embedded cluster (no CreateTopics/DescribeConfigs there).</summary>
public sealed class TopicsCommandTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Create_makes_every_topic_including_changelogs_and_a_second_create_finds_them_all()
    {
        var (environment, names) = UniqueTopics();
        var prefix = "riskstreams topics create";

        using (var first = Topics("create", environment))
        {
            Assert.Equal(0, await first.WaitForExitAsync(Exit));
            Assert.Equal([.. names.Select(n => $"{prefix}: created {n.Name} ({n.Role}, 4 partitions)"), $"{prefix}: 29 topics, 0 mismatches"], first.Stdout.Lines());
            Assert.Equal(
                [
                    $"{prefix}: the cluster answers no CreateTopics: topics were auto-created by metadata requests with the broker's default partitions, replication and configs (no compaction)",
                    $"{prefix}: configs not verified: the cluster answers no DescribeConfigs (partitions and replication factor were checked)",
                ],
                first.Stderr.Lines());
        }

        using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build())
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
            Assert.All(names, n => Assert.Equal(4, metadata.GetValueOrDefault(n.Name)));
        }

        using var second = Topics("create", environment);
        Assert.Equal(0, await second.WaitForExitAsync(Exit));
        Assert.Equal([.. names.Select(n => $"{prefix}: exists {n.Name} ({n.Role})"), $"{prefix}: 29 topics, 0 mismatches"], second.Stdout.Lines());
    }

    [Fact]
    public async Task Check_prints_one_line_per_mismatch_and_exits_1()
    {
        var (environment, names) = UniqueTopics();

        // The first input is not co-partitioned with the others; the last changelog is missing.
        stack.Cluster.CreateTopic(names[0].Name, 2);
        foreach (var (name, _) in names.Skip(1).SkipLast(1))
        {
            stack.Cluster.CreateTopic(name, 4);
        }

        using var check = Topics("check", environment);

        Assert.Equal(1, await check.WaitForExitAsync(Exit));
        Assert.Equal(
            [
                $"riskstreams topics check: mismatch {names[0].Name}: has 2 partitions, needs 4 (input)",
                $"riskstreams topics check: mismatch {names[^1].Name}: missing (changelog, needs 4 partitions)",
                "riskstreams topics check: 29 topics, 2 mismatches",
            ],
            check.Stdout.Lines());
    }

    [Fact]
    public async Task Check_with_a_missing_config_file_exits_2_naming_it()
    {
        using var check = ServiceProcess.Start($"topics check --config no-such-{Guid.NewGuid():N}.json", new Dictionary<string, string>());

        Assert.Equal(2, await check.WaitForExitAsync(Exit));
        Assert.Matches(@"^riskstreams: --config file no-such-[0-9a-f]{32}\.json does not exist\.$", Assert.Single(check.Stderr.Lines()));
    }

    private ServiceProcess Topics(string verb, Dictionary<string, string> environment) =>
        ServiceProcess.Start($"topics {verb} --bootstrap-servers {stack.Cluster.BootstrapServers} --partitions 4 --replication-factor 1", environment);

    /// <summary>Unique names for every configurable topic and the application, in the order the command lists them.</summary>
    private static (Dictionary<string, string> Environment, List<(string Name, string Role)> Names) UniqueTopics()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var app = $"topics-app-{id}";
        var environment = new Dictionary<string, string>
        {
            ["RISKSTREAMS__KAFKA__APPLICATIONID"] = app,
            ["RISKSTREAMS__TOPICS__TRANSACTIONS"] = $"tx-{id}",
            ["RISKSTREAMS__TOPICS__LOGINS"] = $"logins-{id}",
            ["RISKSTREAMS__TOPICS__REPAYMENTS"] = $"repay-{id}",
            ["RISKSTREAMS__TOPICS__REVIEWS"] = $"reviews-{id}",
            ["RISKSTREAMS__TOPICS__SYNCSTATUS"] = $"sync-{id}",
            ["RISKSTREAMS__TOPICS__LEVELCHANGES"] = $"changes-{id}",
            ["RISKSTREAMS__TOPICS__DEADLETTER"] = $"dlq-{id}",
        };
        List<(string, string)> names =
        [
            ($"tx-{id}", "input"), ($"logins-{id}", "input"), ($"repay-{id}", "input"), ($"reviews-{id}", "input"),
            ($"sync-{id}", "global input"), ($"changes-{id}", "output"), ($"dlq-{id}", "dead letters"),
            ($"{app}-entity-device-events-repartition", "repartition"), ($"{app}-entity-ip-events-repartition", "repartition"),
            ($"{app}-entity-logins-by-account-repartition", "repartition"),
            ($"{app}-entity-logins-without-address-by-account-repartition", "repartition"),
            ($"{app}-entity-merchant-events-repartition", "repartition"),
            ($"{app}-entity-transactions-by-account-repartition", "repartition"),
            ($"{app}-account-event-buffer-changelog", "changelog"), ($"{app}-account-risk-state-changelog", "changelog"),
            ($"{app}-account-stepdown-timers-changelog", "changelog"), ($"{app}-accounts-awaiting-sync-changelog", "changelog"),
            ($"{app}-entity-device-join-Buffer-changelog", "changelog"), ($"{app}-entity-device-latest-changelog", "changelog"),
            ($"{app}-entity-device-seen-changelog", "changelog"),
            ($"{app}-entity-device-windows-changelog", "changelog"), ($"{app}-entity-ip-join-Buffer-changelog", "changelog"),
            ($"{app}-entity-ip-latest-changelog", "changelog"), ($"{app}-entity-ip-seen-changelog", "changelog"),
            ($"{app}-entity-ip-windows-changelog", "changelog"),
            ($"{app}-entity-merchant-join-Buffer-changelog", "changelog"), ($"{app}-entity-merchant-latest-changelog", "changelog"),
            ($"{app}-entity-merchant-seen-changelog", "changelog"), ($"{app}-entity-merchant-windows-changelog", "changelog"),
        ];
        return (environment, names);
    }
}
