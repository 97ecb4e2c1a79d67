using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Client configurations of the Kafka runtime. Engine defaults first, then <see cref="StreamsOptions.ClientProperties"/>,
/// then the settings the runtime depends on for correctness, which the properties cannot override.
/// </summary>
internal static class KafkaClientFactory
{
    public static ConsumerConfig Consumer(StreamsOptions options, string clientId)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = options.BootstrapServers,
            AutoOffsetReset = AutoOffsetReset.Earliest,

            // At-least-once reads everything, as Kafka Streams does; exactly-once reads committed only (set below).
            IsolationLevel = IsolationLevel.ReadUncommitted,
        };

        // librdkafka's default 1 s backoff throttles a busy consumer (measured ~1.4x on the mock cluster).
        config.Set("fetch.queue.backoff.ms", "0");
        Apply(config, options);
        config.GroupId = options.ApplicationId;
        config.ClientId = clientId;
        config.EnableAutoOffsetStore = false;
        config.PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky;
        if (options.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2)
        {
            // Offsets go into the producer's transactions (StreamsProducer.CommitTransaction), never through the
            // consumer; input, changelogs and global topics are read without the records of open or aborted transactions.
            config.IsolationLevel = IsolationLevel.ReadCommitted;
            config.EnableAutoCommit = false;
        }
        else
        {
            // The thread stores an offset only after the output of every record before it is acknowledged; librdkafka
            // commits stored offsets in the background, so a commit never blocks processing (a synchronous commit waits
            // out a whole rebalance on the mock cluster). Revocation and shutdown commit synchronously.
            config.EnableAutoCommit = true;
            config.AutoCommitIntervalMs = (int)options.CommitInterval.TotalMilliseconds;
        }

        // End-of-partition events tell a task that an empty input partition is caught up (see PartitionGroup).
        config.EnablePartitionEof = true;
        return config;
    }

    /// <summary>A stream thread's consumer in the application's group, static member <paramref name="groupInstanceId"/> when set.</summary>
    public static ConsumerConfig GroupConsumer(StreamsOptions options, string clientId, string? groupInstanceId)
    {
        var config = Consumer(options, clientId);
        config.GroupInstanceId = groupInstanceId;
        return config;
    }

    /// <summary>
    /// The consumer a stream thread restores changelogs with: assigned partitions only (the group id is never joined,
    /// nothing is committed), end-of-partition events to notice the end of a changelog with gaps.
    /// </summary>
    public static ConsumerConfig RestoreConsumer(StreamsOptions options, string clientId)
    {
        var config = Consumer(options, clientId);
        config.GroupId = $"{options.ApplicationId}-restore";
        config.EnableAutoCommit = false;
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        config.EnablePartitionEof = true;
        return config;
    }

    /// <param name="options">The application's settings.</param>
    /// <param name="clientId">The producer's client id.</param>
    /// <param name="transactionalId">Under exactly-once, the thread's transactional id; null otherwise.</param>
    public static ProducerConfig Producer(StreamsOptions options, string clientId, string? transactionalId = null)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            Acks = Acks.All,
            LingerMs = 5,
            CompressionType = CompressionType.Lz4,
        };

        // Reports keep the produced key and value (references held by Confluent's per-message handler, not native
        // copies) so a record the broker refuses can go to the dead-letter topic; headers are not read back.
        config.DeliveryReportFields = "key,value";
        if (transactionalId is not null)
        {
            // Kafka Streams' exactly-once default: a zombie's open transaction is aborted by the broker within 10 s.
            config.TransactionTimeoutMs = 10_000;
        }

        Apply(config, options);
        config.ClientId = clientId;
        config.EnableIdempotence = true;
        config.TransactionalId = transactionalId;

        // Java-compatible key hashing, so co-partitioned topics written by other clients line up with ours.
        config.Partitioner = Partitioner.Murmur2Random;
        return config;
    }

    public static IAdminClient Admin(StreamsOptions options, ILogger logger)
    {
        var config = new AdminClientConfig { BootstrapServers = options.BootstrapServers };
        Apply(config, options);
        config.ClientId = $"{options.ApplicationId}-admin";
        return new AdminClientBuilder(config).SetLogHandler((_, m) => ClientLog.Write(logger, m)).Build();
    }

    private static void Apply(ClientConfig config, StreamsOptions options)
    {
        foreach (var (key, value) in options.ClientProperties)
        {
            config.Set(key, value);
        }
    }
}
