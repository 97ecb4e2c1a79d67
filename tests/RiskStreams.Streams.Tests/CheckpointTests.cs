using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class CheckpointTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Clean_close_writes_a_checkpoint_and_the_rocksdb_store_restores_only_the_changelog_tail()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("ckpt"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        var options = CountOptions(Cluster, appId);
        var checkpoint = Path.Combine(options.StateDirectory, appId, "0_0", ".checkpoint");
        await using (var first = await StartAsync(PersistentCountTopology(input, output), options))
        {
            await ProduceAsync(Cluster, input, Records(["k"], 5, 1_000));
            ReadCounts(Cluster, output, 1, 5);
            await first.CloseAsync();
        }

        Assert.Equal(["riskstreams-checkpoint\t1", $"store\t{Store}\t5", $"position\t{input}\t0\t5"], File.ReadAllLines(checkpoint));

        var listener = new RestoreEvents();
        await using var second = await StartAsync(PersistentCountTopology(input, output), options with { RestoreListener = listener });
        Assert.False(File.Exists(checkpoint));
        await ProduceAsync(Cluster, input, Records(["k"], 3, 2_000));

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], ReadCounts(Cluster, output, 1, 8).Select(r => r.Message.Value));
        Assert.Equal(["start 5..5", "end 0"], listener.Events);
    }

    [Fact]
    public async Task Crash_leaves_no_checkpoint_so_the_rocksdb_store_is_wiped_and_restored_up_to_the_committed_offsets()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("ckpt-crash"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        var options = CountOptions(Cluster, appId);
        await using (var first = await StartAsync(PersistentCountTopology(input, output), options))
        {
            await ProduceAsync(Cluster, input, Records(["k"], 5, 1_000));
            ReadCounts(Cluster, output, 1, 5);
            await first.CloseAsync();
        }

        await using (var crashed = await StartAsync(PersistentCountTopology(input, output), options with { CommitInterval = TimeSpan.FromHours(1) }))
        {
            await ProduceAsync(Cluster, input, Records(["k"], 3, 2_000));
            ReadCounts(Cluster, output, 1, 8);
            await UntilRecordsAsync(Cluster, $"{appId}-{Store}-changelog", 1, 8);

            // The RocksDB store now holds count 8, beyond the committed offset 5.
            await crashed.CloseWithoutCommitAsync();
        }

        Assert.False(File.Exists(Path.Combine(options.StateDirectory, appId, "0_0", ".checkpoint")));
        var listener = new RestoreEvents();
        await using var restarted = await StartAsync(PersistentCountTopology(input, output), options with { RestoreListener = listener });
        await ProduceAsync(Cluster, input, Records(["k"], 2, 3_000));

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8, 6, 7, 8, 9, 10], ReadCounts(Cluster, output, 1, 13).Select(r => r.Message.Value));
        Assert.Equal(["start 0..8", "batch 5", "end 5"], listener.Events);
    }

    private static Topology PersistentCountTopology(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey(Grouped.With(Serdes.String, Serdes.String))
            .Count(Materialized.As<string, long>(State.Stores.PersistentKeyValueStore(Store)))
            .ToStream()
            .To(output, Produced.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }

    private sealed class RestoreEvents : IStateRestoreListener
    {
        public List<string> Events { get; } = [];

        public void OnRestoreStart(string storeName, string changelogTopic, int partition, long startOffset, long endOffset) => Events.Add($"start {startOffset}..{endOffset}");

        public void OnBatchRestored(string storeName, string changelogTopic, int partition, long batchEndOffset, long restoredRecords) => Events.Add($"batch {restoredRecords}");

        public void OnRestoreEnd(string storeName, string changelogTopic, int partition, long totalRestored) => Events.Add($"end {totalRestored}");
    }
}
