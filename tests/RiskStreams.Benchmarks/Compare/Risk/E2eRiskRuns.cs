using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams;
using Streamiz.Kafka.Net;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology end to end over TCP, set up like <see cref="E2eWindowRuns"/>: an embedded cluster in the child process,
/// the account events (4 partitions) and sync statuses (1 partition) prefilled, then one engine instance (1 stream thread,
/// at-least-once, 100 ms commits) timed by <see cref="SteadyProgress"/> until its group has committed every event offset; the level
/// changes are read back afterwards for the digest. Both engines load the whole sync-status global table before they process, so
/// coverage is the final one from the first event (in process it grows as the statuses arrive).
/// </summary>
internal static class E2eRiskRuns
{
    private const int Partitions = E2eWindowRuns.Partitions;

    public static async Task<(E2eTiming Timing, OutputDigest Digest)> RiskStreamsAsync(RiskCompareWorkload workload, CancellationToken cancellationToken)
    {
        await using var cluster = Prefilled(workload);
        var stateDirectory = E2eWindowRuns.TempDirectory();
        var options = E2eWindowSuite.Options(cluster, stateDirectory) with
        {
            ApplicationId = $"cmp-rs-risk-{Guid.NewGuid():N}",
            CommitInterval = E2eWindowRuns.CommitInterval,
        };
        var ends = EndOffsets(cluster);
        E2eTiming timing;
        await using (var app = new KafkaStreams(OurRiskTopology.Build(workload.Codec), options))
        {
            var clock = Stopwatch.StartNew();
            app.Start();
            timing = await SteadyProgress.WaitAsync(cluster.BootstrapServers, options.ApplicationId, ends, RiskCompareWorkload.OutputTopic, Partitions, clock,
                () => app.State == StreamsState.Error ? app.Error ?? new InvalidOperationException("error state") : null, E2eWindowRuns.Deadline, cancellationToken);
            await app.CloseAsync();
        }

        E2eWindowRuns.TryDelete(stateDirectory);
        return (timing, E2eWindowRuns.ReadOutput(cluster, RiskCompareWorkload.OutputTopic, static key => key));
    }

    public static async Task<(E2eTiming Timing, OutputDigest Digest)> StreamizAsync(RiskCompareWorkload workload, CancellationToken cancellationToken)
    {
        await using var cluster = Prefilled(workload);
        var applicationId = $"cmp-sz-risk-{Guid.NewGuid():N}";

        // The mock cluster has no CreateTopics API: the changelog Streamiz would create is created here.
        cluster.CreateTopic($"{applicationId}-{OurRiskTopology.AccountStore}-changelog", Partitions);
        var stateDirectory = E2eWindowRuns.TempDirectory();
        var ends = EndOffsets(cluster);
        E2eTiming timing;
        using (var stream = new KafkaStream(StreamizRiskTopology.Build(workload.Codec), E2eWindowRuns.StreamizConfigFor(cluster, applicationId, stateDirectory)))
        {
            var clock = Stopwatch.StartNew();
            await stream.StartAsync(cancellationToken);
            timing = await SteadyProgress.WaitAsync(cluster.BootstrapServers, applicationId, ends, RiskCompareWorkload.OutputTopic, Partitions, clock,
                () => null, E2eWindowRuns.Deadline, cancellationToken);
        }

        E2eWindowRuns.TryDelete(stateDirectory);
        return (timing, E2eWindowRuns.ReadOutput(cluster, RiskCompareWorkload.OutputTopic, static key => key));
    }

    private static EmbeddedKafkaCluster Prefilled(RiskCompareWorkload workload)
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { DefaultPartitions = Partitions });
        cluster.CreateTopic(RiskCompareWorkload.EventsTopic, Partitions);
        cluster.CreateTopic(RiskCompareWorkload.SyncTopic, 1);
        cluster.CreateTopic(RiskCompareWorkload.OutputTopic, Partitions);
        foreach (var (topic, sync) in new[] { (RiskCompareWorkload.EventsTopic, false), (RiskCompareWorkload.SyncTopic, true) })
        {
            var records = workload.Inputs.Where(r => r.Sync == sync).ToList();
            InputPrefill.Write(cluster.BootstrapServers, topic, records.Count, i => (records[i].Key, records[i].Value, records[i].TimestampMs));
        }

        return cluster;
    }

    private static Dictionary<TopicPartition, long> EndOffsets(EmbeddedKafkaCluster cluster)
    {
        using var topics = new KafkaTopics(cluster.BootstrapServers);
        return topics.EndOffsets(RiskCompareWorkload.EventsTopic);
    }
}
