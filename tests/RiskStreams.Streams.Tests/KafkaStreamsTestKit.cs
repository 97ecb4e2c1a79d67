using System.Collections.Concurrent;
using Confluent.Kafka;
using RiskStreams.DevStack;

namespace RiskStreams.Streams.Tests;

/// <summary>Options, producing, reading back and waiting with deadlines, for tests of <see cref="KafkaStreams"/> over the embedded cluster.</summary>
internal static class KafkaStreamsTestKit
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>
    /// Options for the embedded cluster: internal topics created through the cluster (it has no CreateTopics API),
    /// and a short session timeout because the mock makes a group's next member wait session.timeout.ms - 1 s.
    /// </summary>
    public static StreamsOptions Options(EmbeddedKafkaCluster cluster, string applicationId, ConcurrentQueue<(string Topic, int Partitions)>? created = null) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = cluster.BootstrapServers,
        CommitInterval = TimeSpan.FromMilliseconds(200),
        ClientProperties = new Dictionary<string, string>
        {
            ["session.timeout.ms"] = "3000",
            ["heartbeat.interval.ms"] = "500",
        },
        InternalTopicCreator = topics =>
        {
            foreach (var topic in topics)
            {
                created?.Enqueue(topic);
                cluster.CreateTopic(topic.Topic, topic.Partitions);
            }

            return Task.CompletedTask;
        },
    };

    /// <summary>Produces string records (to the partition murmur2 picks from the key, or to a given one) and waits for every acknowledgement.</summary>
    public static async Task ProduceAsync(EmbeddedKafkaCluster cluster, string topic, IEnumerable<(string Key, string Value, long Timestamp, int? Partition)> records)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            Partitioner = Confluent.Kafka.Partitioner.Murmur2Random,
            EnableIdempotence = true,
            LingerMs = 5,
        }).Build();
        var deliveries = new List<Task>();
        foreach (var (key, value, timestamp, partition) in records)
        {
            var message = new Message<string, string> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) };
            deliveries.Add(partition is { } p
                ? producer.ProduceAsync(new TopicPartition(topic, p), message)
                : producer.ProduceAsync(topic, message));
        }

        await Task.WhenAll(deliveries).WaitAsync(Deadline);
    }

    /// <summary>
    /// Reads <paramref name="topic"/> from the beginning until at least <paramref name="count"/> records arrived and
    /// every partition is read up to its current end, so records beyond the expected ones are seen too.
    /// </summary>
    public static List<ConsumeResult<TKey, TValue>> ReadAll<TKey, TValue>(EmbeddedKafkaCluster cluster, string topic, int partitions, int count,
        IDeserializer<TKey> keys, IDeserializer<TValue> values)
    {
        using var consumer = new ConsumerBuilder<TKey, TValue>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = Unique("reader"),
            EnableAutoCommit = false,
            FetchQueueBackoffMs = 0,
        }).SetKeyDeserializer(keys).SetValueDeserializer(values).Build();
        var all = Enumerable.Range(0, partitions).Select(p => new TopicPartition(topic, p)).ToList();
        consumer.Assign(all.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var results = new List<ConsumeResult<TKey, TValue>>();
        var next = all.ToDictionary(tp => tp, _ => 0L);
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (results.Count >= count && all.All(tp => next[tp] >= consumer.QueryWatermarkOffsets(tp, Deadline).High.Value))
            {
                return results;
            }

            Assert.True(DateTime.UtcNow < until, $"Read {results.Count} of {count} records from '{topic}' before the deadline.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } result)
            {
                results.Add(result);
                next[result.TopicPartition] = result.Offset.Value + 1;
            }
        }
    }

    public static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"Timed out waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
