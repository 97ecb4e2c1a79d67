using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>A per-key count over the embedded cluster, with its changelog, for changelog and restore tests.</summary>
internal static class ChangelogTestKit
{
    public const string Store = "counts";

    /// <summary>Counts records per key into store <see cref="Store"/> and writes every new count to <paramref name="output"/>.</summary>
    public static Topology CountTopology(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey(Grouped.With(Serdes.String, Serdes.String))
            .Count(Materialized.As<string, long>(Store))
            .ToStream()
            .To(output, Produced.With(Serdes.String, Serdes.Long));
        return builder.Build();
    }

    /// <summary>Options of <see cref="KafkaStreamsTestKit.Options"/> with a state directory of the test's own.</summary>
    public static StreamsOptions CountOptions(EmbeddedKafkaCluster cluster, string appId) =>
        Options(cluster, appId) with { StateDirectory = Path.Combine(Path.GetTempPath(), Unique("rs-state")) };

    public static async Task<KafkaStreams> StartAsync(Topology topology, StreamsOptions options)
    {
        var streams = new KafkaStreams(topology, options);
        streams.Start();
        await UntilAsync(() => streams.State == StreamsState.Running, "the instance to run");
        return streams;
    }

    public static List<ConsumeResult<string, long>> ReadCounts(EmbeddedKafkaCluster cluster, string topic, int partitions, int count) =>
        ReadAll(cluster, topic, partitions, count, Deserializers.Utf8, Deserializers.Int64);

    /// <summary>Waits until <paramref name="topic"/> holds at least <paramref name="count"/> records over its partitions.</summary>
    public static async Task UntilRecordsAsync(EmbeddedKafkaCluster cluster, string topic, int partitions, long count)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = cluster.BootstrapServers, GroupId = Unique("watermarks") }).Build();
        await UntilAsync(
            () => Enumerable.Range(0, partitions).Sum(p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), Deadline).High.Value) >= count,
            $"{count} records in '{topic}'");
    }

    /// <summary>Records of <paramref name="keys"/> in round-robin, with increasing timestamps from <paramref name="firstTimestamp"/>.</summary>
    public static List<(string Key, string Value, long Timestamp, int? Partition)> Records(IReadOnlyList<string> keys, int count, long firstTimestamp) =>
        [.. Enumerable.Range(0, count).Select(i => (keys[i % keys.Count], $"v{i}", firstTimestamp + (i * 10), (int?)null))];

    /// <summary>The counts a crash-free run outputs for <paramref name="records"/>, per key in order.</summary>
    public static Dictionary<string, List<long>> ReferenceCounts(IEnumerable<(string Key, string Value, long Timestamp, int? Partition)> records)
    {
        var result = new Dictionary<string, List<long>>();
        foreach (var (key, _, _, _) in records)
        {
            if (!result.TryGetValue(key, out var counts))
            {
                result[key] = counts = [];
            }

            counts.Add(counts.Count + 1);
        }

        return result;
    }

    /// <summary>Output counts per key in offset order (one key lives in one partition).</summary>
    public static Dictionary<string, List<long>> CountsByKey(IEnumerable<ConsumeResult<string, long>> records) =>
        records.OrderBy(r => r.Partition.Value).ThenBy(r => r.Offset.Value)
            .GroupBy(r => r.Message.Key)
            .ToDictionary(g => g.Key, g => g.Select(r => r.Message.Value).ToList());
}
