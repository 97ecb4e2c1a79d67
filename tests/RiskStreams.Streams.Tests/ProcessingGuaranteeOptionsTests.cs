using Confluent.Kafka;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class ProcessingGuaranteeOptionsTests
{
    private static readonly StreamsOptions Valid = new() { ApplicationId = "app", BootstrapServers = "localhost:9092" };

    [Fact]
    public void At_least_once_is_the_default()
    {
        Assert.Equal(ProcessingGuarantee.AtLeastOnce, new StreamsOptions().ProcessingGuarantee);
    }

    [Fact]
    public void An_unknown_guarantee_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => (Valid with { ProcessingGuarantee = (ProcessingGuarantee)7 }).Validate());

        Assert.Equal(nameof(StreamsOptions.ProcessingGuarantee), error.ParamName);
        Assert.Contains("must be AtLeastOnce or ExactlyOnceV2, was 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transactional_id_in_the_client_properties_is_rejected_naming_the_field()
    {
        var options = Valid with
        {
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
            ClientProperties = new Dictionary<string, string> { ["transactional.id"] = "mine" },
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(nameof(StreamsOptions.ClientProperties), error.ParamName);
    }

    [Fact]
    public void Exactly_once_consumers_read_committed_and_never_commit_offsets_themselves_whatever_the_client_properties_say()
    {
        var options = Valid with
        {
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
            ClientProperties = new Dictionary<string, string> { ["isolation.level"] = "read_uncommitted", ["enable.auto.commit"] = "true" },
        };

        var consumer = KafkaClientFactory.Consumer(options, "c");
        var restore = KafkaClientFactory.RestoreConsumer(options, "r");

        Assert.Equal(IsolationLevel.ReadCommitted, consumer.IsolationLevel);
        Assert.False(consumer.EnableAutoCommit);
        Assert.False(consumer.EnableAutoOffsetStore);
        Assert.Equal(IsolationLevel.ReadCommitted, restore.IsolationLevel);
    }

    [Fact]
    public void At_least_once_consumers_read_uncommitted_and_commit_stored_offsets_in_the_background()
    {
        var consumer = KafkaClientFactory.Consumer(Valid, "c");

        Assert.Equal(IsolationLevel.ReadUncommitted, consumer.IsolationLevel);
        Assert.True(consumer.EnableAutoCommit);
        Assert.False(consumer.EnableAutoOffsetStore);
    }

    [Fact]
    public void The_exactly_once_producer_is_idempotent_with_the_threads_transactional_id()
    {
        var options = Valid with
        {
            ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2,
            ClientProperties = new Dictionary<string, string> { ["enable.idempotence"] = "false" },
        };

        var producer = KafkaClientFactory.Producer(options, "p", "app-1b2c-1");

        Assert.Equal("app-1b2c-1", producer.TransactionalId);
        Assert.True(producer.EnableIdempotence);
        Assert.Equal(Acks.All, producer.Acks);
        Assert.Equal(10_000, producer.TransactionTimeoutMs);
    }
}
