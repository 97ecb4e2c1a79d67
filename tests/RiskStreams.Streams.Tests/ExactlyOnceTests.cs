using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.ExactlyOnceTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>
/// Exactly-once over the embedded cluster. librdkafka's mock cluster writes transaction markers but neither keeps a
/// last stable offset nor lists aborted transactions (so read_committed consumers see aborted and open records there),
/// does not fence an older producer when a newer one registers the same transactional id, and does not store
/// transactional offset commits. What it shows: the records of a commit interval stay in one open transaction until
/// the commit or the abort writes its marker, offsets never go through the consumer, and broker fencing errors stop
/// the instance with <see cref="TaskMigratedException"/>. Visibility to read_committed readers, aborts and zombie
/// fencing against a real broker: <see cref="ExactlyOnceKafkaContainerTests"/>.
/// </summary>
public sealed class ExactlyOnceTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Output_and_changelog_records_stay_in_one_open_transaction_until_the_commit_writes_its_marker()
    {
        var (input, output, appId) = Setup("eos-commit");
        var changelog = $"{appId}-{Store}-changelog";
        var options = CountOptions(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2, CommitInterval = TimeSpan.FromHours(1) };
        await using var streams = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, Records(["a", "b", "c"], 6, 1_000).Select(r => r with { Partition = 0 }));
        await UntilRecordsAsync(Cluster, output, 1, 6);
        await UntilRecordsAsync(Cluster, changelog, 1, 6);

        // No commit yet (the interval is an hour): six records each, no marker behind them.
        Assert.Equal(6, EndOffset(Cluster.BootstrapServers, output));
        Assert.Equal(6, EndOffset(Cluster.BootstrapServers, changelog));

        await streams.CloseAsync();

        Assert.Null(streams.Error);
        Assert.Equal(7, EndOffset(Cluster.BootstrapServers, output));
        Assert.Equal(7, EndOffset(Cluster.BootstrapServers, changelog));
        Assert.Equal([("a", 1L), ("b", 1L), ("c", 1L), ("a", 2L), ("b", 2L), ("c", 2L)],
            ReadToEnd(Cluster.BootstrapServers, output, 1, IsolationLevel.ReadCommitted, Deserializers.Int64));

        // The offsets went into the transaction (which this cluster does not store), not through the consumer.
        Assert.Equal(Offset.Unset, CommittedOffset(Cluster.BootstrapServers, appId, input));
    }

    [Fact]
    public async Task At_least_once_writes_no_transaction_markers_and_commits_offsets_through_the_consumer()
    {
        var (input, output, appId) = Setup("alos-commit");
        var options = CountOptions(Cluster, appId) with { CommitInterval = TimeSpan.FromHours(1) };
        await using var streams = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, Records(["a", "b", "c"], 6, 1_000).Select(r => r with { Partition = 0 }));
        await UntilRecordsAsync(Cluster, output, 1, 6);

        await streams.CloseAsync();

        Assert.Equal(6, EndOffset(Cluster.BootstrapServers, output));
        Assert.Equal(new Offset(6), CommittedOffset(Cluster.BootstrapServers, appId, input));
    }

    [Fact]
    public async Task A_processing_failure_aborts_the_open_transaction_and_stops_the_instance_in_error()
    {
        var (input, output, appId) = Setup("eos-fail");
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .MapValues(v => v == "poison" ? throw new InvalidDataException("poison record") : v.ToUpperInvariant())
            .To(output, Produced.With(Serdes.String, Serdes.String));
        var options = Options(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2, CommitInterval = TimeSpan.FromHours(1) };
        await using var streams = await StartAsync(builder.Build(), options);
        await ProduceAsync(Cluster, input, [("k1", "one", 1L, 0), ("k2", "two", 2L, 0), ("k3", "three", 3L, 0)]);
        await UntilRecordsAsync(Cluster, output, 1, 3);
        Assert.Equal(3, EndOffset(Cluster.BootstrapServers, output));

        await ProduceAsync(Cluster, input, [("k4", "poison", 4L, 0)]);
        await UntilAsync(() => streams.State == StreamsState.Error, "the instance to fail");
        await streams.Completion.WaitAsync(Deadline);

        // Nothing was committed (the interval is an hour), so the one marker behind the three records is the abort's.
        Assert.Equal("poison record", streams.Error?.InnerException?.Message);
        Assert.Equal(4, EndOffset(Cluster.BootstrapServers, output));
        Assert.Equal(Offset.Unset, CommittedOffset(Cluster.BootstrapServers, appId, input));
    }

    [Fact]
    public async Task Close_without_commit_aborts_the_open_transaction()
    {
        var (input, output, appId) = Setup("eos-dirty");
        var options = CountOptions(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2, CommitInterval = TimeSpan.FromHours(1) };
        var streams = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, Records(["a", "b"], 4, 1_000).Select(r => r with { Partition = 0 }));
        await UntilRecordsAsync(Cluster, output, 1, 4);

        await streams.CloseWithoutCommitAsync();

        Assert.Null(streams.Error);
        Assert.Equal(StreamsState.NotRunning, streams.State);
        Assert.Equal(5, EndOffset(Cluster.BootstrapServers, output));
        Assert.Equal(Offset.Unset, CommittedOffset(Cluster.BootstrapServers, appId, input));
        await streams.DisposeAsync();
    }

    [Theory]
    [InlineData(ErrorCode.ProducerFenced)]
    [InlineData(ErrorCode.InvalidProducerEpoch)]
    public async Task A_fenced_commit_stops_the_instance_with_TaskMigratedException(ErrorCode fencing)
    {
        var (input, output, appId) = Setup("eos-fenced");
        var options = CountOptions(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2, CommitInterval = TimeSpan.FromHours(1) };
        await using var streams = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, Records(["a"], 2, 1_000).Select(r => r with { Partition = 0 }));
        await UntilRecordsAsync(Cluster, output, 1, 2);

        // The broker answers the commit (EndTxn) as it answers a zombie whose transactional id a newer producer took.
        Cluster.FailNextRequests(EndTxnApiKey, fencing);
        await streams.CloseAsync();

        var migrated = Assert.IsType<TaskMigratedException>(streams.Error);
        Assert.Contains("fenced while committing", migrated.Message, StringComparison.Ordinal);
        Assert.Equal(StreamsState.Error, streams.State);
    }

    [Fact]
    public async Task A_transactional_id_the_broker_refuses_stops_the_instance_with_TaskMigratedException()
    {
        var (input, output, appId) = Setup("eos-authz");
        var options = CountOptions(Cluster, appId) with { ProcessingGuarantee = ProcessingGuarantee.ExactlyOnceV2 };
        Cluster.FailNextRequests(InitProducerIdApiKey, ErrorCode.TransactionalIdAuthorizationFailed);
        await using var streams = new KafkaStreams(CountTopology(input, output), options);
        streams.Start();

        await UntilAsync(() => streams.State == StreamsState.Error, "the instance to fail");

        var migrated = Assert.IsType<TaskMigratedException>(streams.Error);
        Assert.Equal(ErrorCode.TransactionalIdAuthorizationFailed, Assert.IsAssignableFrom<KafkaException>(migrated.InnerException).Error.Code);
    }

    private (string Input, string Output, string AppId) Setup(string prefix)
    {
        var input = Unique($"{prefix}-in");
        var output = Unique($"{prefix}-out");
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        return (input, output, Unique(prefix));
    }
}
