using RiskStreams.Streams;
using RiskStreams.Streams.Offline;
using Streamiz.Kafka.Net.SerDes;
using StreamizConfig = Streamiz.Kafka.Net.StreamConfig;
using StreamizDriver = Streamiz.Kafka.Net.Mock.TopologyTestDriver;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// A generic window scenario in process on each engine's own offline driver (RiskStreams' <see cref="OfflineTopologyRunner"/>,
/// Streamiz's <c>TopologyTestDriver</c>): pre-serialized records piped one by one, stores committed every
/// <see cref="CommitEvery"/> records, both timed; reading the outputs back (for the digest) is the harness's work and not timed.
/// </summary>
internal static class InProcessWindowRuns
{
    private const string Input = "cmp-window-input";
    private const string Output = "cmp-window-output";
    private const int CommitEvery = 10_000;

    public static (TimeSpan Elapsed, OutputDigest Digest) RiskStreams(WindowKind kind, bool rocksDb, WindowWorkload workload)
    {
        var applicationId = $"cmp-rs-{Guid.NewGuid():N}";
        var topology = OurWindowTopology.Build(kind, rocksDb ? StoreType.RocksDb : StoreType.InMemory, Input, Output);
        using var runner = new OfflineTopologyRunner(topology, new OfflineRunnerOptions { ApplicationId = applicationId });
        var input = runner.CreateInputTopic(Input, Serdes.ByteArray, Serdes.ByteArray);
        var output = runner.CreateOutputTopic(Output, Serdes.ByteArray, Serdes.ByteArray);
        var digest = new OutputDigest();
        var elapsed = InProcessBatches.Run(workload.Records, CommitEvery,
            i => input.PipeRaw(workload.Key(i), workload.Value(i), workload.Timestamp(i)),
            runner.Commit,
            () => InProcessBatches.DrainOurs(runner, output, digest));
        return (elapsed, digest);
    }

    public static (TimeSpan Elapsed, OutputDigest Digest) Streamiz(WindowKind kind, bool rocksDb, WindowWorkload workload)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), $"cmp-streamiz-{Guid.NewGuid():N}");
        var config = new StreamizConfig { ApplicationId = $"cmp-sz-{Guid.NewGuid():N}", StateDir = stateDir, Logger = StreamizLogging.None };
        try
        {
            using var driver = new StreamizDriver(StreamizWindowTopology.Build(kind, rocksDb, Input, Output), config);
            var input = driver.CreateInputTopic(Input, new ByteArraySerDes(), new ByteArraySerDes());
            var output = driver.CreateOutputTopic(Output, TimeSpan.Zero, new ByteArraySerDes(), new ByteArraySerDes());
            var digest = new OutputDigest();
            var elapsed = InProcessBatches.Run(workload.Records, CommitEvery,
                i => input.PipeInput(workload.Key(i), workload.Value(i), DateTimeOffset.FromUnixTimeMilliseconds(workload.Timestamp(i)).UtcDateTime),
                driver.Commit,
                () =>
                {
                    foreach (var r in output.ReadKeyValueList())
                    {
                        digest.Add(StreamizWindowTopology.CanonicalKey(r.Message.Key), r.Message.Value);
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
