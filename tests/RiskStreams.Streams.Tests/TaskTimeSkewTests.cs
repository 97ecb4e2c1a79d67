using Xunit.Abstractions;
using System.Collections.Concurrent;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class TaskTimeSkewTests(EmbeddedKafkaFixture fixture, ITestOutputHelper log) : IClassFixture<EmbeddedKafkaFixture>
{
    private const int PerPartition = 3000;

    [Fact]
    public async Task With_a_task_time_skew_bound_a_backlog_from_four_tasks_reaches_a_repartition_topic_out_of_order_by_at_most_the_bound()
    {
        var disorder = await RunAsync(TimeSpan.FromMilliseconds(50));
        log.WriteLine($"largest disorder on the repartition topic: {disorder} ms with a 50 ms bound");
        Assert.InRange(disorder, 0, 50);
    }

    [Fact]
    public async Task Without_a_bound_the_same_backlog_reaches_it_in_batches_far_apart()
    {
        // Printed, not asserted beyond being larger than the bound above: how far apart depends on fetch and batch sizes.
        var disorder = await RunAsync(skew: null);
        log.WriteLine($"largest disorder on the repartition topic without a bound: {disorder} ms");
        Assert.True(disorder > 50, $"disorder {disorder} ms");
    }

    /// <summary>
    /// A backlog on four partitions (each partition in time order, 10 ms apart, the partitions interleaved) is re-keyed to one
    /// key through a repartition topic; returns the largest amount by which a record there is older than one read before it.
    /// </summary>
    private async Task<long> RunAsync(TimeSpan? skew)
    {
        var (input, appId) = (Unique("skew-in"), Unique("skew"));
        fixture.Cluster.CreateTopic(input, 4);
        await ProduceAsync(fixture.Cluster, input,
            Enumerable.Range(0, PerPartition * 4).Select(i => ($"k{i}", $"v{i}", 1_000L + ((i / 4) * 10) + (i % 4), (int?)(i % 4))));
        var seen = new ConcurrentQueue<long>();
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .SelectKey((_, _) => "all")
            .Repartition("one-key", Serdes.String, Serdes.String)
            .Process(() => new TimestampRecorder(seen));
        await using var streams = new KafkaStreams(builder.Build(), Options(fixture.Cluster, appId) with { MaxTaskTimeSkew = skew });
        streams.Start();
        await UntilAsync(() => seen.Count >= PerPartition * 4, "every record read back from the repartition topic");

        var (latest, disorder) = (0L, 0L);
        foreach (var timestamp in seen)
        {
            disorder = Math.Max(disorder, latest - timestamp);
            latest = Math.Max(latest, timestamp);
        }

        return disorder;
    }

    private sealed class TimestampRecorder(ConcurrentQueue<long> seen) : IProcessor<string, string, string, string>
    {
        public void Process(Record<string, string> record) => seen.Enqueue(record.Timestamp);
    }
}
