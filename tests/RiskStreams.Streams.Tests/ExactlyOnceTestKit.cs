using Confluent.Kafka;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>Reading topics back by isolation level and watching their end offsets, for the exactly-once tests (any cluster).</summary>
internal static class ExactlyOnceTestKit
{
    /// <summary>Kafka API keys used to inject broker errors into the embedded cluster.</summary>
    public const short InitProducerIdApiKey = 22;
    public const short TxnOffsetCommitApiKey = 28;
    public const short EndTxnApiKey = 26;

    /// <summary>The end offset of one partition: data records plus transaction markers.</summary>
    public static long EndOffset(string bootstrapServers, string topic, int partition = 0)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = Unique("watermarks") }).Build();
        return consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), Deadline).High.Value;
    }

    /// <summary>
    /// Reads every partition from the beginning up to the end it has for <paramref name="isolation"/> (the high
    /// watermark for read_uncommitted, the last stable offset for read_committed) and returns (key, value) strings.
    /// </summary>
    public static List<(string Key, string Value)> ReadToEnd(string bootstrapServers, string topic, int partitions, IsolationLevel isolation) =>
        ReadToEnd(bootstrapServers, topic, partitions, isolation, Deserializers.Utf8);

    public static List<(string Key, TValue Value)> ReadToEnd<TValue>(string bootstrapServers, string topic, int partitions, IsolationLevel isolation,
        IDeserializer<TValue> values)
    {
        using var consumer = new ConsumerBuilder<string, TValue>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = Unique("reader"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
            IsolationLevel = isolation,
            FetchQueueBackoffMs = 0,
        }).SetValueDeserializer(values).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning)));
        var atEnd = new HashSet<int>();
        var results = new List<(string, TValue)>();
        var until = DateTime.UtcNow + Deadline;
        while (atEnd.Count < partitions)
        {
            Assert.True(DateTime.UtcNow < until, $"'{topic}' was not read to its end before the deadline.");
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is not { } result)
            {
                continue;
            }

            if (result.IsPartitionEOF)
            {
                atEnd.Add(result.Partition.Value);
            }
            else
            {
                results.Add((result.Message.Key, result.Message.Value));
            }
        }

        return results;
    }

    /// <summary>The offset the consumer group <paramref name="groupId"/> has committed for partition 0 of <paramref name="topic"/>.</summary>
    public static Offset CommittedOffset(string bootstrapServers, string groupId, string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = bootstrapServers, GroupId = groupId }).Build();
        return consumer.Committed([new TopicPartition(topic, 0)], Deadline).Single().Offset;
    }
}
