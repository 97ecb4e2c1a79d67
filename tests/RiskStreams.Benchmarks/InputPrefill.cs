using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>
/// Writes a workload to an input topic before a scenario starts: zstd-compressed batches (the mock cluster
/// keeps only about 5 MiB per partition), keys hashed with murmur2 like every producer of ours.
/// </summary>
internal static class InputPrefill
{
    public static void Write(string bootstrapServers, string topic, WindowWorkload workload) =>
        Write(bootstrapServers, topic, workload.Records, i => (workload.Key(i), workload.Value(i), workload.Timestamp(i)));

    /// <summary>Writes <paramref name="count"/> records, the <c>i</c>-th from <paramref name="record"/>.</summary>
    public static void Write(string bootstrapServers, string topic, int count, Func<int, (byte[] Key, byte[] Value, long TimestampMs)> record)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            LingerMs = 20,
            BatchSize = 1_000_000,
            CompressionType = CompressionType.Zstd,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        }).Build();
        Exception? failure = null;
        for (var i = 0; i < count; i++)
        {
            var (key, value, timestamp) = record(i);
            var message = new Message<byte[], byte[]> { Key = key, Value = value, Timestamp = new Timestamp(timestamp, TimestampType.CreateTime) };
            while (true)
            {
                try
                {
                    producer.Produce(topic, message, r => failure ??= r.Error.IsError ? new KafkaException(r.Error) : null);
                    break;
                }
                catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(10));
                }
            }
        }

        producer.Flush();
        if (failure is not null)
        {
            throw new InvalidOperationException($"Prefilling '{topic}' failed: {failure.Message}", failure);
        }
    }
}
