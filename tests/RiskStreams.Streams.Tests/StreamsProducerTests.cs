using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams.Internal.Runtime.Kafka;
using static RiskStreams.Streams.Tests.ExactlyOnceTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>The thread producer's transactions and its one fencing exception, against the embedded cluster (errors injected there).</summary>
public sealed class StreamsProducerTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    /// <summary>A transactional <see cref="StreamsProducer"/> configured as a stream thread's under exactly-once.</summary>
    internal static StreamsProducer Transactional(string bootstrap, string transactionalId)
    {
        var options = new StreamsOptions { ApplicationId = "eos", BootstrapServers = bootstrap, ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2 };
        var producer = new ProducerBuilder<byte[]?, byte[]?>(KafkaClientFactory.Producer(options, Unique("producer"), transactionalId)).Build();
        return new StreamsProducer(producer, transactional: true, timeout: Deadline);
    }

    [Fact]
    public void A_send_begins_a_transaction_and_the_commit_ends_it_with_a_marker()
    {
        var topic = Unique("txn");
        Cluster.CreateTopic(topic, 1);
        using var producer = Transactional(Cluster.BootstrapServers, Unique("txn-id"));
        using var group = Group();
        producer.Initialize();
        Assert.False(producer.TransactionInFlight);

        Send(producer, topic, "k1");
        Send(producer, topic, "k2");
        Assert.True(producer.TransactionInFlight);
        Assert.Equal(0, producer.Flush(Deadline));
        Assert.Equal(2, EndOffset(Cluster.BootstrapServers, topic));

        producer.CommitTransaction([], group.ConsumerGroupMetadata);

        Assert.False(producer.TransactionInFlight);
        Assert.Equal(3, EndOffset(Cluster.BootstrapServers, topic));

        // Nothing sent and no offsets: no transaction to commit, no marker.
        producer.CommitTransaction([], group.ConsumerGroupMetadata);
        Assert.Equal(3, EndOffset(Cluster.BootstrapServers, topic));
    }

    [Fact]
    public void Abort_ends_the_open_transaction_and_the_next_send_begins_a_new_one()
    {
        var topic = Unique("abort");
        Cluster.CreateTopic(topic, 1);
        using var producer = Transactional(Cluster.BootstrapServers, Unique("txn-id"));
        Send(producer, topic, "k1");
        Assert.Equal(0, producer.Flush(Deadline));

        Assert.True(producer.AbortTransaction());

        Assert.False(producer.TransactionInFlight);
        Assert.Equal(2, EndOffset(Cluster.BootstrapServers, topic));
        Send(producer, topic, "k2");
        Assert.True(producer.TransactionInFlight);
    }

    [Theory]
    [InlineData(ErrorCode.ProducerFenced)]
    [InlineData(ErrorCode.InvalidProducerEpoch)]
    [InlineData(ErrorCode.TransactionalIdAuthorizationFailed)]
    public void Every_fencing_error_of_a_commit_surfaces_as_TaskMigratedException(ErrorCode error)
    {
        var topic = Unique("fenced");
        Cluster.CreateTopic(topic, 1);
        using var producer = Transactional(Cluster.BootstrapServers, Unique("txn-id"));
        using var group = Group();
        Send(producer, topic, "k1");
        Assert.Equal(0, producer.Flush(Deadline));
        Cluster.FailNextRequests(EndTxnApiKey, error);

        var migrated = Assert.Throws<TaskMigratedException>(() => producer.CommitTransaction([], group.ConsumerGroupMetadata));

        Assert.True(StreamsProducer.IsFencing(Assert.IsAssignableFrom<KafkaException>(migrated.InnerException).Error));
        Assert.Contains("fenced while committing", migrated.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transactional_id_the_broker_refuses_at_init_surfaces_as_TaskMigratedException()
    {
        using var producer = Transactional(Cluster.BootstrapServers, Unique("txn-id"));
        Cluster.FailNextRequests(InitProducerIdApiKey, ErrorCode.TransactionalIdAuthorizationFailed);

        var migrated = Assert.Throws<TaskMigratedException>(producer.Initialize);

        Assert.Equal(ErrorCode.TransactionalIdAuthorizationFailed, Assert.IsAssignableFrom<KafkaException>(migrated.InnerException).Error.Code);
    }

    [Fact]
    public void A_non_transactional_producer_refuses_to_commit_a_transaction()
    {
        var options = new StreamsOptions { ApplicationId = "alos", BootstrapServers = Cluster.BootstrapServers };
        using var producer = new StreamsProducer(new ProducerBuilder<byte[]?, byte[]?>(KafkaClientFactory.Producer(options, Unique("producer"))).Build());
        using var group = Group();

        Assert.Throws<InvalidOperationException>(() => producer.CommitTransaction([], group.ConsumerGroupMetadata));
        Assert.False(producer.TransactionInFlight);
    }

    private IConsumer<byte[], byte[]> Group() =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = Unique("group") }).Build();

    private static void Send(StreamsProducer producer, string topic, string key) =>
        producer.Produce(topic, new Message<byte[]?, byte[]?> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = [1] }, _ => { });
}
