using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams.Reset;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class ApplicationResetTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>, IDisposable
{
    private readonly string _stateRoot = Path.Combine(Path.GetTempPath(), Unique("reset-state"));

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    public void Dispose()
    {
        if (Directory.Exists(_stateRoot))
        {
            Directory.Delete(_stateRoot, recursive: true);
        }
    }

    [Fact]
    public async Task Reset_then_restart_counts_from_the_beginning_with_the_same_values_as_the_first_run()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("count"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await ProduceAsync(Cluster, input, Records(12));
        var first = await RunCountingAsync(input, output, appId, outputs: 12);
        var stateFile = CreateStateFile(appId);

        var result = await ApplicationReset.RunAsync(ResetOptions(appId, input));

        Assert.False(result.DryRun);
        Assert.Equal([(input, 0, 6L, 0L), (input, 1, 6L, 0L)], result.InputOffsets.Select(o => (o.Topic, o.Partition, o.Before ?? -1, o.After)));
        Assert.Equal(
            [($"{appId}-by-key-repartition", 2, 12L), ($"{appId}-counts-changelog", 2, 12L)],
            result.InternalTopics.Select(t => (t.Topic, t.Partitions, t.Records)));

        // The mock cluster has neither DeleteTopics nor DeleteRecords: the group skips the old internal records.
        Assert.All(result.InternalTopics, t => Assert.Equal(InternalTopicAction.SkippedToEnd, t.Action));
        Assert.Equal(Path.Combine(_stateRoot, appId), result.StateDirectory);
        Assert.Equal(1, result.StateFiles);
        Assert.False(File.Exists(stateFile));
        Assert.False(Directory.Exists(result.StateDirectory));
        Assert.Equal([0L, 0L], Committed(appId, input, 2));
        Assert.All(result.InternalTopics, t => Assert.Equal(Watermarks(t.Topic, 2).Select(w => w.High), Committed(appId, t.Topic, 2)));

        var both = await RunCountingAsync(input, output, appId, outputs: 24);
        var second = both.Skip(first.Count).ToList();
        Assert.Equal(12, second.Count);
        Assert.Equal(Expected(12), first.Order());
        Assert.Equal(first.Order(), second.Order());
    }

    [Fact]
    public async Task Reset_refuses_while_an_instance_runs_and_changes_nothing()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("running"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await ProduceAsync(Cluster, input, Records(4));
        await using var streams = new KafkaStreams(CountingTopology(input, output), Options(Cluster, appId));
        streams.Start();
        ReadAll(Cluster, output, 2, 4, Deserializers.Utf8, Deserializers.Int64);
        await UntilAsync(() => Committed(appId, input, 2).SequenceEqual([2L, 2L]), "offsets 2 and 2 committed");
        var stateFile = CreateStateFile(appId);

        var error = await Assert.ThrowsAsync<ApplicationResetException>(() => ApplicationReset.RunAsync(ResetOptions(appId, input)));

        Assert.Contains($"stop every instance of {appId} first", error.Message, StringComparison.Ordinal);
        Assert.Equal([2L, 2L], Committed(appId, input, 2));
        Assert.True(File.Exists(stateFile));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Fact]
    public async Task Dry_run_reports_the_plan_and_changes_nothing()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("dry"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await ProduceAsync(Cluster, input, Records(8));
        await RunCountingAsync(input, output, appId, outputs: 8);
        var stateFile = CreateStateFile(appId);
        var repartition = $"{appId}-by-key-repartition";
        var watermarks = Watermarks(repartition, 2);
        var committedRepartition = Committed(appId, repartition, 2);

        var result = await ApplicationReset.RunAsync(ResetOptions(appId, input, "missing-input") with { DryRun = true });

        Assert.True(result.DryRun);
        Assert.Equal([(input, 0, 4L, 0L), (input, 1, 4L, 0L)], result.InputOffsets.Select(o => (o.Topic, o.Partition, o.Before ?? -1, o.After)));
        Assert.Equal(["missing-input"], result.MissingInputTopics);
        Assert.Equal([(repartition, 2, 8L), ($"{appId}-counts-changelog", 2, 8L)], result.InternalTopics.Select(t => (t.Topic, t.Partitions, t.Records)));
        Assert.Equal(1, result.StateFiles);
        Assert.Equal([4L, 4L], Committed(appId, input, 2));
        Assert.Equal(committedRepartition, Committed(appId, repartition, 2));
        Assert.Equal(watermarks, Watermarks(repartition, 2));
        Assert.True(File.Exists(stateFile));
    }

    [Fact]
    public async Task Reset_to_the_end_starts_the_stores_empty_although_the_changelog_cannot_be_deleted()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("to-end"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        await ProduceAsync(Cluster, input, Records(12));
        await RunCountingAsync(input, output, appId, outputs: 12);

        // Skip every input record: the old changelog records are covered by the new committed offsets, so only the
        // group's commits on the changelog partitions keep them out of the restored stores.
        var result = await ApplicationReset.RunAsync(ResetOptions(appId, input) with { ToDateTime = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000) });
        await ProduceAsync(Cluster, input, [("k0", "new", 5_000L, 0), ("k1", "new", 5_001L, 1)]);
        var all = await RunCountingAsync(input, output, appId, outputs: 14);

        Assert.Equal([(input, 0, 6L, 6L), (input, 1, 6L, 6L)], result.InputOffsets.Select(o => (o.Topic, o.Partition, o.Before ?? -1, o.After)));
        Assert.Equal(["k0=1", "k1=1"], all.Skip(12).Order());
    }

    [Fact]
    public async Task To_datetime_after_every_record_resets_offsets_to_the_end()
    {
        var (input, appId) = (Unique("in"), Unique("time"));
        Cluster.CreateTopic(input, 2);
        await ProduceAsync(Cluster, input, Records(6));
        Commit(appId, new TopicPartitionOffset(input, 0, 1), new TopicPartitionOffset(input, 1, 0));

        var result = await ApplicationReset.RunAsync(ResetOptions(appId, input) with { ToDateTime = DateTimeOffset.FromUnixTimeMilliseconds(1_000_000) });

        Assert.Equal([(input, 0, 1L, 3L), (input, 1, 0L, 3L)], result.InputOffsets.Select(o => (o.Topic, o.Partition, o.Before ?? -1, o.After)));
        Assert.Empty(result.InternalTopics);
        Assert.Null(result.StateFiles);
        Assert.Equal([3L, 3L], Committed(appId, input, 2));
    }

    /// <summary>Keys k0..k2, <paramref name="count"/> records spread over partitions 0 and 1 alternately.</summary>
    private static IEnumerable<(string, string, long, int?)> Records(int count) =>
        Enumerable.Range(0, count).Select(i => ($"k{i % 3}", $"v{i}", 1_000L + i, (int?)(i % 2)));

    /// <summary>The count updates of <see cref="Records"/>: per key 1, 2, ... as "key=count".</summary>
    private static IEnumerable<string> Expected(int count) =>
        Enumerable.Range(0, count).GroupBy(i => i % 3).SelectMany(g => Enumerable.Range(1, g.Count()).Select(n => $"k{g.Key}={n}")).Order();

    private static Topology CountingTopology(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .GroupBy((key, _) => key, Grouped.With(Serdes.String, Serdes.String).WithName("by-key"))
            .Count(Materialized.As<string, long>("counts"))
            .ToStream()
            .To(output, Produced.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }

    /// <summary>Runs the counting app until <paramref name="outputs"/> records are in the output, closes it, and returns the output as "key=count" in offset order per partition.</summary>
    private async Task<List<string>> RunCountingAsync(string input, string output, string appId, int outputs)
    {
        var streams = new KafkaStreams(CountingTopology(input, output), Options(Cluster, appId));
        streams.Start();
        var records = ReadAll(Cluster, output, 2, outputs, Deserializers.Utf8, Deserializers.Int64);
        await streams.CloseAsync().WaitAsync(Deadline);
        Assert.Equal(StreamsState.NotRunning, streams.State);
        await streams.DisposeAsync();
        return records.OrderBy(r => r.Offset.Value).Select(r => $"{r.Message.Key}={r.Message.Value}").ToList();
    }

    private ApplicationResetOptions ResetOptions(string appId, params string[] inputs) => new()
    {
        BootstrapServers = Cluster.BootstrapServers,
        ApplicationId = appId,
        InputTopics = inputs,
        StateDirectory = _stateRoot,
        RequestTimeout = TimeSpan.FromSeconds(5),
        ClientProperties = new Dictionary<string, string> { ["session.timeout.ms"] = "3000", ["heartbeat.interval.ms"] = "500" },
    };

    private string CreateStateFile(string appId)
    {
        var task = Directory.CreateDirectory(Path.Combine(_stateRoot, appId, "1_0"));
        var file = Path.Combine(task.FullName, ".checkpoint");
        File.WriteAllText(file, "0\n");
        return file;
    }

    private List<long> Committed(string appId, string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = appId }).Build();
        return consumer.Committed(Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)), Deadline)
            .OrderBy(o => o.Partition.Value).Select(o => o.Offset.Value).ToList();
    }

    private List<(long Low, long High)> Watermarks(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = Unique("watermarks") }).Build();
        return Enumerable.Range(0, partitions)
            .Select(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Deadline))
            .Select(w => (w.Low.Value, w.High.Value))
            .ToList();
    }

    private void Commit(string appId, params TopicPartitionOffset[] offsets)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig { BootstrapServers = Cluster.BootstrapServers, GroupId = appId }).Build();
        consumer.Commit(offsets);
    }
}
