using Confluent.Kafka;
using Confluent.Kafka.Admin;
using RiskStreams.Streams.Internal.Runtime.Kafka;
using Testcontainers.Kafka;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.ExactlyOnceTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// Exactly-once against a real broker in Docker (Testcontainers), where read_committed filtering, aborts, fencing and
/// transactional offset commits are real — all things the embedded mock cluster lacks. Skipped without Docker.
/// </summary>
public sealed class ExactlyOnceKafkaContainerTests
{
    private const string Image = "confluentinc/cp-kafka:7.6.1";
    private const int Partitions = 2;

    [DockerFact]
    public async Task A_crash_mid_transaction_and_a_restart_give_exactly_the_crash_free_output_to_read_committed_readers()
    {
        await using var kafka = new KafkaBuilder(Image).Build();
        await kafka.StartAsync();
        var bootstrap = kafka.GetBootstrapAddress();
        var (input, output, appId) = (Unique("eos-in"), Unique("eos-out"), Unique("eos-crash"));
        await CreateTopicsAsync(bootstrap, input, output);
        var records = Records(["a", "b", "c", "d", "e"], 200, 1_000);
        var (first, second) = (records[..100], records[100..]);
        await ProduceAsync(bootstrap, input, first);

        // An hour-long commit interval: everything processed so far sits in one open transaction.
        var crashing = new KafkaStreams(CountTopology(input, output), EosOptions(bootstrap, appId) with { CommitInterval = TimeSpan.FromHours(1) });
        crashing.Start();
        await UntilAsync(() => ReadToEnd(bootstrap, output, Partitions, IsolationLevel.ReadUncommitted).Count >= first.Count, "the first half processed");
        Assert.Empty(ReadToEnd(bootstrap, output, Partitions, IsolationLevel.ReadCommitted));

        // Dies between commits: the open transaction is aborted and no offset was committed.
        await crashing.CloseWithoutCommitAsync();
        await crashing.DisposeAsync();
        Assert.Null(crashing.Error);
        Assert.Empty(ReadToEnd(bootstrap, output, Partitions, IsolationLevel.ReadCommitted));

        // The restart processes everything from the start (state restored read_committed: nothing of the aborted run).
        await using var restarted = new KafkaStreams(CountTopology(input, output), EosOptions(bootstrap, appId));
        restarted.Start();
        await ProduceAsync(bootstrap, input, second);
        await UntilAsync(() => ReadToEnd(bootstrap, output, Partitions, IsolationLevel.ReadCommitted).Count >= records.Count, "all output committed");
        await restarted.CloseAsync();

        var committed = ReadToEnd(bootstrap, output, Partitions, IsolationLevel.ReadCommitted, Deserializers.Int64);
        var byKey = committed.GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Select(r => r.Value).ToList());
        Assert.Equal(records.Count, committed.Count);
        var expected = ReferenceCounts(records);
        Assert.Equal(expected.Keys.Order(), byKey.Keys.Order());
        foreach (var (key, counts) in expected)
        {
            // Exactly once: no count repeated by the aborted first run, none missing.
            Assert.Equal(counts, byKey[key]);
        }

        Assert.Null(restarted.Error);
    }

    [DockerFact]
    public async Task A_newer_producer_with_the_same_transactional_id_fences_the_older_one_with_TaskMigratedException()
    {
        await using var kafka = new KafkaBuilder(Image).Build();
        await kafka.StartAsync();
        var bootstrap = kafka.GetBootstrapAddress();
        var topic = Unique("eos-zombie");
        await CreateTopicsAsync(bootstrap, topic);
        var transactionalId = Unique("txn");
        using var zombie = StreamsProducerTests.Transactional(bootstrap, transactionalId);
        using var group = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrap, GroupId = Unique("group") }).Build();
        zombie.Initialize();
        zombie.Produce(topic, new Message<byte[]?, byte[]?> { Key = "z"u8.ToArray(), Value = "zombie"u8.ToArray() }, _ => { });
        Assert.Equal(0, zombie.Flush(Deadline));

        using var successor = StreamsProducerTests.Transactional(bootstrap, transactionalId);
        successor.Initialize();

        var fenced = Assert.Throws<TaskMigratedException>(() => zombie.CommitTransaction([], group.ConsumerGroupMetadata));
        Assert.True(StreamsProducer.IsFencing(Assert.IsAssignableFrom<KafkaException>(fenced.InnerException).Error));
        Assert.Empty(ReadToEnd(bootstrap, topic, Partitions, IsolationLevel.ReadCommitted));
    }

    private static StreamsOptions EosOptions(string bootstrap, string appId) => new()
    {
        ApplicationId = appId,
        BootstrapServers = bootstrap,
        ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
        CommitInterval = TimeSpan.FromMilliseconds(200),
        StateDirectory = Path.Combine(Path.GetTempPath(), Unique("rs-state")),
        ClientProperties = new Dictionary<string, string> { ["session.timeout.ms"] = "6000", ["heartbeat.interval.ms"] = "500" },
    };

    private static async Task CreateTopicsAsync(string bootstrap, params string[] topics)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        await admin.CreateTopicsAsync(topics.Select(t => new TopicSpecification { Name = t, NumPartitions = Partitions, ReplicationFactor = 1 }));
    }

    private static async Task ProduceAsync(string bootstrap, string topic, IEnumerable<(string Key, string Value, long Timestamp, int? Partition)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrap,
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            EnableIdempotence = true,
        }).Build();
        foreach (var (key, value, timestamp, _) in records)
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) });
        }
    }
}
