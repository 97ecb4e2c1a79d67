using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>
/// Writes the window workload to the input topic before a scenario starts: zstd-compressed batches (the mock cluster
/// keeps only about 5 MiB per partition), keys hashed with murmur2 like every producer of ours.
/// </summary>
internal static class InputPrefill
{
    public static void Write(string bootstrapServers, string topic, WindowWorkload workload)
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
        for (var i = 0; i < workload.Records; i++)
        {
            var message = new Message<byte[], byte[]>
            {
                Key = workload.Key(i),
                Value = workload.Value(i),
                Timestamp = new Timestamp(workload.Timestamp(i), TimestampType.CreateTime),
            };
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
