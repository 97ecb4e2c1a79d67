using System.Diagnostics;
using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>
/// End-to-end latency without backlog: once a pipeline has drained its input, probe records stamped with the wall clock
/// are produced one every few milliseconds, and a reader on the output topic times each probe from its produce call to
/// the first output record carrying its timestamp (both pipelines keep the input record's timestamp on their output).
/// </summary>
internal static class ProbeLatency
{
    public const int Probes = 200;
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<LatencySamples> MeasureAsync(
        string bootstrapServers, string inputTopic, string outputTopic, WindowWorkload workload, CancellationToken cancellationToken)
    {
        using var topics = new KafkaTopics(bootstrapServers);
        var ends = topics.EndOffsets(outputTopic);
        var sentAt = new Dictionary<long, long>();
        var samples = new LatencySamples();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reader = Task.Factory.StartNew(() => Read(bootstrapServers, ends, sentAt, samples, stop.Token), TaskCreationOptions.LongRunning);

        using (var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 0,
            Partitioner = Partitioner.Murmur2Random,
        }).Build())
        {
            var last = 0L;
            for (var i = 0; i < Probes; i++)
            {
                await Task.Delay(Spacing, cancellationToken);
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var timestamp = Math.Max(now, last + 1); // one probe per millisecond value, so timestamps name probes
                last = timestamp;
                lock (sentAt)
                {
                    sentAt[timestamp] = Stopwatch.GetTimestamp();
                }

                producer.Produce(inputTopic, new Message<byte[], byte[]>
                {
                    Key = workload.KeyBytes(i * 7919 % workload.Keys),
                    Value = workload.Value(i),
                    Timestamp = new Timestamp(timestamp, TimestampType.CreateTime),
                });
            }

            producer.Flush(cancellationToken);
        }

        if (await Task.WhenAny(reader, Task.Delay(Deadline, cancellationToken)) != reader)
        {
            await stop.CancelAsync();
        }

        await reader;
        return samples;
    }

    private static void Read(string bootstrapServers, Dictionary<TopicPartition, long> ends, Dictionary<long, long> sentAt, LatencySamples samples, CancellationToken stop)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-probe-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        };
        config.Set("fetch.queue.backoff.ms", "0");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        consumer.Assign(ends.Select(e => new TopicPartitionOffset(e.Key, e.Value)));
        var seen = new HashSet<long>();
        while (!stop.IsCancellationRequested && seen.Count < Probes)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(50));
            if (result?.Message is null)
            {
                continue;
            }

            var observed = Stopwatch.GetTimestamp();
            var timestamp = result.Message.Timestamp.UnixTimestampMs;
            long sent;
            lock (sentAt)
            {
                if (!sentAt.TryGetValue(timestamp, out sent) || !seen.Add(timestamp))
                {
                    continue;
                }
            }

            samples.Add(Stopwatch.GetElapsedTime(sent, observed).TotalMilliseconds);
        }
    }
}
