using System.Buffers.Binary;
using System.Diagnostics;
using Confluent.Kafka;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The plain Confluent.Kafka consume→produce pipe of <c>e2e-baseline</c>: the client settings of the engine (same
/// fetch back-off, acks, idempotence, linger, lz4, murmur2), at-least-once the engine's way (every commit interval:
/// flush the producer, then store the consumed offsets for librdkafka's background commit), and per input record
/// as many output and changelog records as the windowed run wrote per input record, with the same key and value sizes
/// (windowed key = key + 8-byte start; changelog key = key + 8-byte start + 4-byte sequence number; 16-byte value,
/// 24 bytes in the changelog), so it moves the bytes the engine moves and does nothing else.
/// Like the engine it watches every delivery report (errors only: no key or value in the report) and fails at the
/// next commit if a record was lost: a pipe that cannot notice a lost record before storing its offset is not at-least-once.
/// </summary>
/// <remarks>Counts cover the measured input only (offsets below <paramref name="measuredEnds"/>), not records produced to the input later (probes).</remarks>
internal sealed class BaselinePipe(string bootstrapServers, string groupId, string inputTopic, string outputTopic, string changelogTopic,
    double outputsPerRecord, double changelogPerRecord, TimeSpan commitInterval, IReadOnlyDictionary<TopicPartition, long> measuredEnds)
{
    private volatile bool _stop;
    private Thread? _thread;
    private Exception? _deliveryFailure;

    public Exception? Error { get; private set; }

    public long OutputRecords { get; private set; }

    public long ChangelogRecords { get; private set; }

    /// <summary>Output records written for the measured input.</summary>
    public long MeasuredOutputRecords { get; private set; }

    /// <summary>Changelog records written for the measured input.</summary>
    public long MeasuredChangelogRecords { get; private set; }

    public void Start()
    {
        _thread = new Thread(Run) { Name = "bench-baseline-pipe", IsBackground = true };
        _thread.Start();
    }

    public void Stop()
    {
        _stop = true;
        _thread?.Join();
    }

    private void Run()
    {
        try
        {
            Pipe();
        }
        catch (Exception e)
        {
            Error = e;
        }
    }

    private void Pipe()
    {
        var consumerConfig = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = true,
            AutoCommitIntervalMs = (int)commitInterval.TotalMilliseconds,
            EnableAutoOffsetStore = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = 3000,
            HeartbeatIntervalMs = 500,
        };
        consumerConfig.Set("fetch.queue.backoff.ms", "0");
        var producerConfig = new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
            EnableIdempotence = true,
            Partitioner = Partitioner.Murmur2Random,
            DeliveryReportFields = "none",
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(consumerConfig).Build();
        using var producer = new ProducerBuilder<byte[], byte[]>(producerConfig).Build();
        Action<DeliveryReport<byte[], byte[]>> onDelivery = report =>
        {
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _deliveryFailure, new KafkaException(report.Error), null);
            }
        };
        consumer.Subscribe(inputTopic);
        var positions = new Dictionary<TopicPartition, long>();
        var nextCommit = Stopwatch.GetTimestamp() + (long)(commitInterval.TotalSeconds * Stopwatch.Frequency);
        long consumed = 0;
        while (!_stop)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is { } message)
            {
                consumed++;
                var key = message.Key;
                var timestamp = message.Timestamp;
                var measured = result.Offset.Value < measuredEnds.GetValueOrDefault(result.TopicPartition);
                while (OutputRecords < (long)(consumed * outputsPerRecord))
                {
                    Send(producer, outputTopic, Windowed(key, OutputRecords, 0), Value(16, message.Value), timestamp, onDelivery);
                    OutputRecords++;
                    MeasuredOutputRecords += measured ? 1 : 0;
                }

                while (ChangelogRecords < (long)(consumed * changelogPerRecord))
                {
                    Send(producer, changelogTopic, Windowed(key, ChangelogRecords, 4), Value(24, message.Value), timestamp, onDelivery);
                    ChangelogRecords++;
                    MeasuredChangelogRecords += measured ? 1 : 0;
                }

                positions[result.TopicPartition] = result.Offset.Value + 1;
            }

            if (Stopwatch.GetTimestamp() >= nextCommit)
            {
                Commit(consumer, producer, positions);
                nextCommit = Stopwatch.GetTimestamp() + (long)(commitInterval.TotalSeconds * Stopwatch.Frequency);
            }
        }

        Commit(consumer, producer, positions);
        consumer.Commit();
        consumer.Close();
    }

    private void Commit(IConsumer<byte[], byte[]> consumer, IProducer<byte[], byte[]> producer, Dictionary<TopicPartition, long> positions)
    {
        producer.Flush();
        if (Volatile.Read(ref _deliveryFailure) is { } failure)
        {
            throw new InvalidOperationException($"A record of the pipe was not delivered: {failure.Message}", failure);
        }

        foreach (var (partition, offset) in positions)
        {
            consumer.StoreOffset(new TopicPartitionOffset(partition, offset));
        }

        positions.Clear();
    }

    private static void Send(IProducer<byte[], byte[]> producer, string topic, byte[] key, byte[] value, Timestamp timestamp,
        Action<DeliveryReport<byte[], byte[]>> onDelivery)
    {
        var message = new Message<byte[], byte[]> { Key = key, Value = value, Timestamp = timestamp };
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[], byte[]> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(1));
            }
        }
    }

    private static byte[] Windowed(byte[] key, long sequence, int extra)
    {
        var bytes = new byte[key.Length + 8 + extra];
        key.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(key.Length), sequence);
        return bytes;
    }

    private static byte[] Value(int size, byte[] input)
    {
        var bytes = new byte[size];
        input.AsSpan(0, Math.Min(input.Length, size)).CopyTo(bytes);
        return bytes;
    }
}
