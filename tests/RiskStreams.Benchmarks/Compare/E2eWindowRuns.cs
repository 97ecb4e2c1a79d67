using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams;
using Streamiz.Kafka.Net;
using StreamizConfig = Streamiz.Kafka.Net.StreamConfig;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// A generic window scenario end to end over TCP: an embedded cluster (librdkafka's mock, 4 partitions) in the child process,
/// the input prefilled, then one engine instance (1 stream thread, at-least-once, commit every 100 ms) timed from start until its
/// group has committed every input offset (see <see cref="SteadyProgress"/> for the steady phase: first output record to the last); the output topic is read back afterwards for the digest. The ceiling is
/// <see cref="BaselinePipe"/> moving the same records and as many output and changelog records per input record.
/// </summary>
internal static class E2eWindowRuns
{
    public const int Partitions = 4;
    private const string Input = "cmp-e2e-input";
    private const string Output = "cmp-e2e-output";
    public static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<(E2eTiming Timing, OutputDigest Digest)> RiskStreamsAsync(WindowKind kind, bool rocksDb, WindowWorkload workload, CancellationToken cancellationToken)
    {
        await using var cluster = Prefilled(workload);
        var stateDirectory = TempDirectory();
        var options = E2eWindowSuite.Options(cluster, stateDirectory) with { ApplicationId = $"cmp-rs-{Guid.NewGuid():N}", CommitInterval = CommitInterval };
        var ends = EndOffsets(cluster);
        E2eTiming timing;
        await using (var app = new KafkaStreams(OurWindowTopology.Build(kind, rocksDb ? StoreType.RocksDb : StoreType.InMemory, Input, Output), options))
        {
            var clock = Stopwatch.StartNew();
            app.Start();
            timing = await SteadyProgress.WaitAsync(cluster.BootstrapServers, options.ApplicationId, ends, Output, Partitions, clock,
                () => app.State == StreamsState.Error ? app.Error ?? new InvalidOperationException("error state") : null, Deadline, cancellationToken);
            await app.CloseAsync();
        }

        TryDelete(stateDirectory);
        return (timing, ReadOutput(cluster, Output, static key => key));
    }

    public static async Task<(E2eTiming Timing, OutputDigest Digest)> StreamizAsync(WindowKind kind, bool rocksDb, WindowWorkload workload, CancellationToken cancellationToken)
    {
        await using var cluster = Prefilled(workload);
        var applicationId = $"cmp-sz-{Guid.NewGuid():N}";

        // The mock cluster has no CreateTopics API: the changelog Streamiz would create is created here.
        cluster.CreateTopic($"{applicationId}-{OurWindowTopology.StoreName}-changelog", Partitions);
        var stateDirectory = TempDirectory();
        var config = StreamizConfigFor(cluster, applicationId, stateDirectory);
        var ends = EndOffsets(cluster);
        E2eTiming timing;
        using (var stream = new KafkaStream(StreamizWindowTopology.Build(kind, rocksDb, Input, Output), config))
        {
            var clock = Stopwatch.StartNew();
            await stream.StartAsync(cancellationToken);
            timing = await SteadyProgress.WaitAsync(cluster.BootstrapServers, applicationId, ends, Output, Partitions, clock, () => null, Deadline, cancellationToken);
        }

        TryDelete(stateDirectory);
        return (timing, ReadOutput(cluster, Output, StreamizWindowTopology.CanonicalKey));
    }

    /// <summary>The plain Confluent.Kafka consume→produce pipe writing <paramref name="outputsPerRecord"/> and as many changelog records per input record.</summary>
    public static async Task<(E2eTiming Timing, OutputDigest Digest)> PipeAsync(WindowWorkload workload, double outputsPerRecord, CancellationToken cancellationToken)
    {
        await using var cluster = Prefilled(workload);
        cluster.CreateTopic("cmp-pipe-changelog", Partitions);
        var group = $"cmp-pipe-{Guid.NewGuid():N}";
        var ends = EndOffsets(cluster);
        var pipe = new BaselinePipe(cluster.BootstrapServers, group, Input, Output, "cmp-pipe-changelog", outputsPerRecord, outputsPerRecord, CommitInterval, ends);
        var clock = Stopwatch.StartNew();
        pipe.Start();
        E2eTiming timing;
        try
        {
            timing = await SteadyProgress.WaitAsync(cluster.BootstrapServers, group, ends, Output, Partitions, clock, () => pipe.Error, Deadline, cancellationToken);
        }
        finally
        {
            pipe.Stop();
        }

        var digest = new OutputDigest();
        for (var i = 0; i < pipe.MeasuredOutputRecords; i++)
        {
            digest.Add(null, null);
        }

        return (timing, digest);
    }

    /// <summary>The Streamiz settings of every end-to-end run: 1 stream thread, at-least-once, <see cref="CommitInterval"/>, from the earliest offset.</summary>
    public static StreamizConfig StreamizConfigFor(EmbeddedKafkaCluster cluster, string applicationId, string stateDirectory) => new()
    {
        ApplicationId = applicationId,
        BootstrapServers = cluster.BootstrapServers,
        StateDir = stateDirectory,
        CommitIntervalMs = (long)CommitInterval.TotalMilliseconds,
        NumStreamThreads = 1,
        Guarantee = Streamiz.Kafka.Net.ProcessingGuarantee.AT_LEAST_ONCE,
        AutoOffsetReset = AutoOffsetReset.Earliest,
        SessionTimeoutMs = 3000,
        HeartbeatIntervalMs = 500,
        Logger = StreamizLogging.None,
    };

    private static EmbeddedKafkaCluster Prefilled(WindowWorkload workload)
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { DefaultPartitions = Partitions });
        cluster.CreateTopic(Input, Partitions);
        cluster.CreateTopic(Output, Partitions);
        InputPrefill.Write(cluster.BootstrapServers, Input, workload);
        return cluster;
    }

    private static Dictionary<TopicPartition, long> EndOffsets(EmbeddedKafkaCluster cluster)
    {
        using var topics = new KafkaTopics(cluster.BootstrapServers);
        return topics.EndOffsets(Input);
    }

    /// <summary>The digest of everything written to <paramref name="topic"/>, keys through <paramref name="canonicalKey"/>.</summary>
    public static OutputDigest ReadOutput(EmbeddedKafkaCluster cluster, string topic, Func<byte[], byte[]> canonicalKey)
    {
        using var topics = new KafkaTopics(cluster.BootstrapServers);
        var ends = topics.EndOffsets(topic);
        var digest = new OutputDigest();
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = $"cmp-reader-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var remaining = ends.Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value);
        var deadline = Stopwatch.StartNew();
        while (remaining.Count > 0 && deadline.Elapsed < Deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: { } message } result)
            {
                digest.Add(canonicalKey(message.Key), message.Value);
                if (result.Offset.Value + 1 >= remaining.GetValueOrDefault(result.TopicPartition, long.MaxValue))
                {
                    remaining.Remove(result.TopicPartition);
                }
            }
        }

        return digest;
    }

    public static string TempDirectory() => Path.Combine(Path.GetTempPath(), $"cmp-e2e-{Guid.NewGuid():N}");

    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
