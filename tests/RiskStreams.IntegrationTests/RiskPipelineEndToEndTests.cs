using System.Text;
using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Service;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>The risk processor over real TCP: events produced to the embedded cluster, changes consumed back.</summary>
public sealed class RiskPipelineEndToEndTests(StackFixture stack) : IClassFixture<StackFixture>
{
    private static readonly DateTime T0 = new(2026, 1, 5, 8, 0, 0, DateTimeKind.Utc);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Card_testing_and_sync_lag_trap_produce_exact_changes_on_the_output_topic()
    {
        var topology = Topics();
        CreateTopics(topology);
        using var registry = Registry();
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);

        // Coverage first: the global sync-status table is read up to its end before any task starts.
        publisher.Publish(Heartbeat(topology, "ledger-main", T0.AddMinutes(-1)));
        await publisher.FlushAsync(CancellationToken.None);
        await using var host = await StartAsync(topology);

        for (var i = 0; i < 5; i++)
        {
            publisher.Publish(Txn(topology, "card-1", $"probe-{i}", T0.AddSeconds(30 * i), 99, $"m-{i}"));
        }

        // Decisions go by stream time only: a later purchase on the partition carries it past probe-4 plus the grace.
        publisher.Publish(Txn(topology, "card-1", "card-later", T0.AddSeconds(130), 5_000, "m-shop"));

        var due = T0.AddHours(-3);
        publisher.Publish(Bill(topology, "lag-1", "lag-overdue", T0, "b-1", due, BillStatus.OVERDUE, 1));

        // A later event of the account moves its task's stream time past the reorder grace, so the
        // overdue record is decided before the late payment arrives (otherwise the payment would settle it first).
        publisher.Publish(Txn(topology, "lag-1", "lag-purchase", T0.AddSeconds(10), 5_000, "m-shop"));
        await publisher.FlushAsync(CancellationToken.None);
        await Wait.UntilAsync(() => ReadChanges(topology, 2).Any(c => c.accountId == "lag-1"), "the overdue bill to be decided");
        publisher.Publish(Bill(topology, "lag-1", "lag-paid", due.AddHours(-1), "b-1", due, BillStatus.PAID, 0));
        await publisher.FlushAsync(CancellationToken.None);

        var changes = ReadChanges(topology, 3);
        var card = Assert.Single(changes, c => c.accountId == "card-1");
        Assert.Equal("card-1:1", card.changeId);
        Assert.Equal(1, card.version);
        Assert.Equal(RiskLevel.NORMAL, card.previousLevel);
        Assert.Equal(RiskLevel.RESTRICTED, card.level);
        Assert.Equal(60, card.score);
        Assert.Equal("SMALL_TXN_PROBING", Assert.Single(card.reasons).code);
        Assert.Equal("5", card.reasons[0].evidence["distinctMerchants"]);
        Assert.Equal([RiskAction.NOTIFY_CUSTOMER, RiskAction.REQUIRE_STEP_UP_AUTH, RiskAction.REDUCE_CREDIT_LIMIT, RiskAction.OPEN_MANUAL_REVIEW], card.actions);
        Assert.True(card.appealable);
        Assert.Equal(Risk.RiskPolicy.Default.Version, card.policyVersion);
        Assert.Equal("probe-4", card.triggeringEventId);
        Assert.Equal("transactions", card.triggeringStream);
        Assert.Equal(T0.AddSeconds(120), card.eventTime);

        var lag = changes.Where(c => c.accountId == "lag-1").ToList();
        Assert.Equal([1L, 2L], lag.Select(c => c.version));
        Assert.Equal([RiskLevel.WATCH, RiskLevel.NORMAL], lag.Select(c => c.level));
        Assert.Equal("REPAYMENT_SYNC_PENDING", Assert.Single(lag[0].reasons).code);
        Assert.False(lag[0].appealable);
        Assert.Equal("REPAYMENT_RECEIVED", lag[1].reasons[0].code);
        Assert.Equal("lag-paid", lag[1].triggeringEventId);
        Assert.Equal(RiskLevel.WATCH, lag[1].previousLevel);
    }

    [Fact]
    public async Task Poison_records_go_to_the_dead_letter_topic_with_reason_and_the_records_behind_them_are_processed()
    {
        var topology = Topics();
        CreateTopics(topology);
        await using var host = await StartAsync(topology);
        using var registry = Registry();
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        using (var raw = new ProducerBuilder<string, byte[]>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers, Partitioner = Partitioner.Murmur2Random }).Build())
        {
            await raw.ProduceAsync(topology.TransactionsTopic, new Message<string, byte[]> { Key = "dlq-1", Value = Encoding.UTF8.GetBytes("not avro at all") });
            await raw.ProduceAsync(topology.TransactionsTopic, new Message<string, byte[]> { Key = "dlq-1", Value = [0, 0, 0, 0x27, 0x0F, 1, 2] });
        }

        publisher.Publish(Txn(topology, "dlq-1", "negative", T0, -5, "m-x"));
        publisher.Publish(Txn(topology, "dlq-1", "clock-2099", new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc), 50, "m-y"));
        for (var i = 0; i < 5; i++)
        {
            publisher.Publish(Txn(topology, "dlq-1", $"after-{i}", T0.AddSeconds(10 * i), 50, $"m-{i}"));
        }

        // Decisions go by stream time only: a later purchase on the partition carries it past after-4 plus the grace.
        publisher.Publish(Txn(topology, "dlq-1", "later", T0.AddSeconds(60), 5_000, "m-shop"));

        await publisher.FlushAsync(CancellationToken.None);

        var dead = TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.DeadLetterTopic, 4);
        Assert.Equal(4, dead.Count);
        Assert.All(dead, d => Assert.Equal(topology.TransactionsTopic, Header(d, DeadLetterHeaders.SourceTopic)));
        Assert.Equal(["0", "1", "2", "3"], dead.Select(d => Header(d, DeadLetterHeaders.SourceOffset)));
        Assert.Equal(
            ["RiskStreams.Avro.AvroSerdeException", "RiskStreams.Avro.AvroSerdeException", "RiskStreams.Topology.Internal.InvalidEventException",
                "RiskStreams.Topology.Internal.InvalidEventException"],
            dead.Select(d => Header(d, DeadLetterHeaders.ErrorClass)));
        Assert.Equal("Transaction negative: amountMinor must not be negative, was -5.", Header(dead[2], DeadLetterHeaders.ErrorMessage));

        // A device clock in 2099 is refused before it reaches stream time: the probes after it are still decided in order.
        Assert.StartsWith("transactions event clock-2099: occurredAt 2099-01-01T00:00:00.000Z is more than the maximum clock skew (00:05:00) ahead of the processing clock",
            Header(dead[3], DeadLetterHeaders.ErrorMessage), StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes("not avro at all"), dead[0].Message.Value);
        Assert.Equal("dlq-1", dead[0].Message.Key);

        var change = Assert.Single(ReadChanges(topology, 1));
        Assert.Equal("after-4", change.triggeringEventId);
        Assert.Equal(RiskLevel.RESTRICTED, change.level);
        Assert.Equal(StreamsState.Running, host.Streams.State);
    }

    private RiskTopologyOptions Topics() => new()
    {
        TransactionsTopic = $"txn-{_run}", LoginsTopic = $"login-{_run}", RepaymentsTopic = $"repay-{_run}",
        SyncStatusTopic = $"status-{_run}", ReviewsTopic = $"reviews-{_run}", LevelChangesTopic = $"changes-{_run}", DeadLetterTopic = $"dlq-{_run}",
    };

    private void CreateTopics(RiskTopologyOptions topology)
    {
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, 4);
        }
    }

    private async Task<ProcessorHost> StartAsync(RiskTopologyOptions topology)
    {
        var streams = new StreamsOptions
        {
            ApplicationId = $"app-{_run}",
            BootstrapServers = stack.Cluster.BootstrapServers,
            CommitInterval = TimeSpan.FromMilliseconds(200),
            InternalTopicCreator = topics =>
            {
                stack.Cluster.CreateTopics(topics.Select(t => (t.Topic, t.Partitions)));
                return Task.CompletedTask;
            },
        };
        var host = await ProcessorHost.StartAsync(streams, new SchemaRegistryOptions { Url = stack.Registry.Url }, topology, NullLoggerFactory.Instance, CancellationToken.None);
        await Wait.UntilAsync(() => host.Streams.State == StreamsState.Running, "the processor to join its group");
        return host;
    }

    private SchemaRegistryClient Registry() => new(new SchemaRegistryOptions { Url = stack.Registry.Url });

    private List<RiskLevelChanged> ReadChanges(RiskTopologyOptions topology, int expected)
    {
        using var registry = Registry();
        var deserializer = new AvroDeserializer<RiskLevelChanged>(registry);
        return [.. TopicReader.ReadAll(stack.Cluster.BootstrapServers, topology.LevelChangesTopic, expected)
            .Select(r => deserializer.Deserialize(r.Message.Value, false, new SerializationContext(MessageComponentType.Value, topology.LevelChangesTopic)))
            .OrderBy(c => c.accountId, StringComparer.Ordinal).ThenBy(c => c.version)];
    }

    private static string Header(ConsumeResult<string?, byte[]?> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));

    private static GeneratedEvent Heartbeat(RiskTopologyOptions t, string source, DateTime syncedThrough) =>
        new(t.SyncStatusTopic, source, new SyncStatus { sourceSystem = source, syncedThrough = syncedThrough, reportedAt = syncedThrough.AddMinutes(1) }, Ms(syncedThrough));

    private static GeneratedEvent Txn(RiskTopologyOptions t, string account, string id, DateTime at, long amount, string merchant) =>
        new(t.TransactionsTopic, account, new Transaction
        {
            eventId = id, accountId = account, occurredAt = at, amountMinor = amount, currency = "CNY", merchantId = merchant,
            merchantCategory = "5999", channel = TransactionChannel.ONLINE, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED,
        }, Ms(at));

    private static GeneratedEvent Bill(RiskTopologyOptions t, string account, string id, DateTime at, string billId, DateTime due, BillStatus status, int daysPastDue) =>
        new(t.RepaymentsTopic, account, new RepaymentSync
        {
            eventId = id, accountId = account, occurredAt = at, syncedAt = at, sourceSystem = "ledger-main", billId = billId, dueDate = due,
            amountDueMinor = 10_000, amountPaidMinor = status == BillStatus.PAID ? 10_000 : 0, currency = "CNY", status = status, daysPastDue = daysPastDue,
        }, Ms(at));

    private static long Ms(DateTime at) => (long)(at - DateTime.UnixEpoch).TotalMilliseconds;
}
