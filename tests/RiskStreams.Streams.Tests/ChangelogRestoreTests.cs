using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class ChangelogRestoreTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private static readonly string[] Keys = ["k0", "k1", "k2", "k3", "k4"];

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Restart_restores_in_memory_counts_from_the_changelog_and_continues_them()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("restart"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        var options = CountOptions(Cluster, appId);
        await using (var first = await StartAsync(CountTopology(input, output), options))
        {
            await ProduceAsync(Cluster, input, Records(["k"], 5, 1_000));
            ReadCounts(Cluster, output, 1, 5);
            await first.CloseAsync();
            Assert.Null(first.Error);
        }

        var listener = new RecordingRestoreListener();
        await using var second = await StartAsync(CountTopology(input, output), options with { RestoreListener = listener });
        await ProduceAsync(Cluster, input, Records(["k"], 3, 2_000));

        Assert.Equal([1L, 2, 3, 4, 5, 6, 7, 8], ReadCounts(Cluster, output, 1, 8).Select(r => r.Message.Value));
        Assert.True(second.KeyValueStore<string, long>(Store).TryGet("k", out var count));
        Assert.Equal(8, count);
        Assert.Equal(
            [$"start {Store} {appId}-{Store}-changelog[0] 0..5", $"batch {Store} @4 5", $"end {Store} 5"],
            listener.Events);
    }

    [Fact]
    public async Task Crash_after_processing_beyond_the_last_commit_then_restart_outputs_the_reference_after_dedupe()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("crash"));
        Cluster.CreateTopic(input, 2);
        Cluster.CreateTopic(output, 2);
        var options = CountOptions(Cluster, appId);
        var firstRun = Records(Keys, 10, 1_000);
        var secondRun = Records(Keys, 7, 2_000);
        var thirdRun = Records(Keys, 6, 3_000);

        // 1: processes and commits cleanly.
        await using (var committed = await StartAsync(CountTopology(input, output), options))
        {
            await ProduceAsync(Cluster, input, firstRun);
            ReadCounts(Cluster, output, 2, firstRun.Count);
            await committed.CloseAsync();
        }

        // 2: processes more, its output and changelog records are written, but it dies before committing.
        await using (var crashed = await StartAsync(CountTopology(input, output), options with { CommitInterval = TimeSpan.FromHours(1) }))
        {
            await ProduceAsync(Cluster, input, secondRun);
            ReadCounts(Cluster, output, 2, firstRun.Count + secondRun.Count);
            await UntilRecordsAsync(Cluster, $"{appId}-{Store}-changelog", 2, firstRun.Count + secondRun.Count);
            await crashed.CloseWithoutCommitAsync();
        }

        // 3: restores only what the committed offsets cover, replays the second run's records, then goes on.
        await using var restarted = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, thirdRun);
        var expected = ReferenceCounts([.. firstRun, .. secondRun, .. thirdRun]);
        var total = firstRun.Count + (2 * secondRun.Count) + thirdRun.Count;
        var actual = CountsByKey(ReadCounts(Cluster, output, 2, total));

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (key, counts) in expected)
        {
            // At-least-once: the replayed second run repeats its counts; without them the output is the crash-free one.
            Assert.Equal(counts, actual[key].Distinct());
            Assert.Equal(counts[^1], actual[key][^1]);
            Assert.True(restarted.KeyValueStore<string, long>(Store).TryGet(key, out var stored));
            Assert.Equal(counts[^1], stored);
        }
    }

    [Fact]
    public async Task A_second_instance_joining_mid_stream_takes_over_tasks_and_counts_stay_exact()
    {
        var (input, output, appId) = (Unique("in"), Unique("out"), Unique("rebalance"));
        Cluster.CreateTopic(input, 4);
        Cluster.CreateTopic(output, 4);
        var options = CountOptions(Cluster, appId);
        var keys = Enumerable.Range(0, 16).Select(i => $"key-{i}").ToList();
        var before = Records(keys, 64, 1_000);
        var after = Records(keys, 64, 5_000);

        await using var first = await StartAsync(CountTopology(input, output), options);
        await ProduceAsync(Cluster, input, before);
        ReadCounts(Cluster, output, 4, before.Count);

        await using var second = new KafkaStreams(CountTopology(input, output), options with { StateDirectory = Path.Combine(Path.GetTempPath(), Unique("rs-state")) });
        second.Start();
        await UntilAsync(() => TaskCount(second) > 0 && TaskCount(first) + TaskCount(second) == 4
            && first.State == StreamsState.Running && second.State == StreamsState.Running, "both instances to share the four tasks");
        await ProduceAsync(Cluster, input, after);

        var expected = ReferenceCounts([.. before, .. after]);
        var actual = CountsByKey(ReadCounts(Cluster, output, 4, before.Count + after.Count));
        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(e => e.Key));
    }

    private static int TaskCount(KafkaStreams streams) => streams.LocalThreads.Sum(t => t.ActiveTasks.Count);

    private sealed class RecordingRestoreListener : IStateRestoreListener
    {
        public List<string> Events { get; } = [];

        public void OnRestoreStart(string storeName, string changelogTopic, int partition, long startOffset, long endOffset) =>
            Events.Add($"start {storeName} {changelogTopic}[{partition}] {startOffset}..{endOffset}");

        public void OnBatchRestored(string storeName, string changelogTopic, int partition, long batchEndOffset, long restoredRecords) =>
            Events.Add($"batch {storeName} @{batchEndOffset} {restoredRecords}");

        public void OnRestoreEnd(string storeName, string changelogTopic, int partition, long totalRestored) =>
            Events.Add($"end {storeName} {totalRestored}");
    }
}
