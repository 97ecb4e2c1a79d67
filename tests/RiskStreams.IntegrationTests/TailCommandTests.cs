using Confluent.Kafka;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams tail</c>: the changes decoded with the registry, the README's alternative to kcat (built without Avro on Debian).</summary>
public sealed class TailCommandTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Tail_until_end_prints_each_change_decoded_then_a_count_by_level()
    {
        var topic = $"changes-{Guid.NewGuid():N}";
        stack.Cluster.CreateTopic(topic, 2);
        using (var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url }))
        using (var producer = new ProducerBuilder<string, RiskLevelChanged>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers })
                   .SetValueSerializer(new AvroSerializer<RiskLevelChanged>(registry)).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, RiskLevelChanged> { Key = "acct-1", Value = Change("acct-1", RiskLevel.SUSPENDED) });
        }

        using var tail = ServiceProcess.Start(
            $"tail --bootstrap-servers {stack.Cluster.BootstrapServers} --registry {stack.Registry.Url} --topic {topic} --until-end", new Dictionary<string, string>());

        Assert.Equal(0, await tail.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(
            [
                "2026-01-05 08:00:00Z acct-1 v1 NORMAL -> SUSPENDED (score 90) [SUSPEND_CREDIT] appealable <- credit.transactions/tx-1 | VELOCITY: 12 transactions in 5 minutes",
                "riskstreams tail: 1 changes (SUSPENDED 1)",
            ],
            tail.Stdout.Lines());
    }

    private static RiskLevelChanged Change(string account, RiskLevel level) => new()
    {
        accountId = account,
        version = 1,
        changeId = $"{account}:1",
        previousLevel = RiskLevel.NORMAL,
        level = level,
        score = 90,
        reasons = [new RiskReason { code = "VELOCITY", message = "12 transactions in 5 minutes", evidence = new Dictionary<string, string> { ["count"] = "12" } }],
        actions = [RiskAction.SUSPEND_CREDIT],
        appealable = true,
        policyVersion = "test",
        triggeringEventId = "tx-1",
        triggeringStream = "credit.transactions",
        eventTime = new DateTime(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc),
        decidedAt = new DateTime(2026, 1, 5, 8, 0, 1, DateTimeKind.Utc),
    };
}
