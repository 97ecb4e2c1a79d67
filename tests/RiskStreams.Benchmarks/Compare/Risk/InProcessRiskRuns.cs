using RiskStreams.Streams;
using RiskStreams.Streams.Offline;
using Streamiz.Kafka.Net.SerDes;
using StreamizConfig = Streamiz.Kafka.Net.StreamConfig;
using StreamizDriver = Streamiz.Kafka.Net.Mock.TopologyTestDriver;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology in process on each engine's own offline driver, as <see cref="InProcessWindowRuns"/> runs the windows:
/// the workload piped in arrival order (sync statuses to the global table, account events to the decider), a commit every
/// <see cref="CommitEvery"/> records, both timed; reading the level changes back for the digest is not timed.
/// </summary>
internal static class InProcessRiskRuns
{
    private const int CommitEvery = 5_000;

    public static (TimeSpan Elapsed, OutputDigest Digest) RiskStreams(RiskCompareWorkload workload)
    {
        using var runner = new OfflineTopologyRunner(OurRiskTopology.Build(workload.Codec),
            new OfflineRunnerOptions { ApplicationId = $"cmp-rs-risk-{Guid.NewGuid():N}" });
        var events = runner.CreateInputTopic(RiskCompareWorkload.EventsTopic, Serdes.ByteArray, Serdes.ByteArray);
        var sync = runner.CreateInputTopic(RiskCompareWorkload.SyncTopic, Serdes.ByteArray, Serdes.ByteArray);
        var output = runner.CreateOutputTopic(RiskCompareWorkload.OutputTopic, Serdes.ByteArray, Serdes.ByteArray);
        var digest = new OutputDigest();
        var inputs = workload.Inputs;
        var elapsed = InProcessBatches.Run(inputs.Count, CommitEvery,
            i => (inputs[i].Sync ? sync : events).PipeRaw(inputs[i].Key, inputs[i].Value, inputs[i].TimestampMs),
            runner.Commit,
            () => InProcessBatches.DrainOurs(runner, output, digest));
        return (elapsed, digest);
    }

    public static (TimeSpan Elapsed, OutputDigest Digest) Streamiz(RiskCompareWorkload workload)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), $"cmp-streamiz-risk-{Guid.NewGuid():N}");
        var config = new StreamizConfig { ApplicationId = $"cmp-sz-risk-{Guid.NewGuid():N}", StateDir = stateDir, Logger = StreamizLogging.None };
        try
        {
            using var driver = new StreamizDriver(StreamizRiskTopology.Build(workload.Codec), config);
            var events = driver.CreateInputTopic(RiskCompareWorkload.EventsTopic, new ByteArraySerDes(), new ByteArraySerDes());
            var sync = driver.CreateInputTopic(RiskCompareWorkload.SyncTopic, new ByteArraySerDes(), new ByteArraySerDes());
            var output = driver.CreateOutputTopic(RiskCompareWorkload.OutputTopic, TimeSpan.Zero, new ByteArraySerDes(), new ByteArraySerDes());
            var digest = new OutputDigest();
            var inputs = workload.Inputs;
            var elapsed = InProcessBatches.Run(inputs.Count, CommitEvery,
                i => (inputs[i].Sync ? sync : events).PipeInput(inputs[i].Key, inputs[i].Value,
                    DateTimeOffset.FromUnixTimeMilliseconds(inputs[i].TimestampMs).UtcDateTime),
                driver.Commit,
                () =>
                {
                    foreach (var r in output.ReadKeyValueList())
                    {
                        digest.Add(r.Message.Key, r.Message.Value);
                    }
                });
            return (elapsed, digest);
        }
        finally
        {
            if (Directory.Exists(stateDir))
            {
                Directory.Delete(stateDir, recursive: true);
            }
        }
    }
}
