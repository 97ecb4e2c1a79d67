using System.Diagnostics;
using System.Runtime.CompilerServices;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>
/// <c>e2e-window</c>, <c>e2e-baseline</c> and <c>restore</c> on one embedded cluster: the window topology on
/// <see cref="KafkaStreams"/> over a prefilled 4-partition input, from start until the group has committed every input
/// offset (at-least-once); then the plain pipe over the same input, writing as many output and changelog records; then a
/// fresh instance restoring the windowed run's stores from their changelogs against a raw read of those topics.
/// </summary>
internal sealed class E2eWindowSuite(int records, int keys)
{
    public const string WindowName = "e2e-window";
    public const string BaselineName = "e2e-baseline";
    public const string RestoreName = "restore";

    /// <summary>200k records: 50k per partition, well under the mock cluster's ~5 MiB per partition (input and changelog).</summary>
    public const int DefaultRecords = 200_000;

    public const int DefaultKeys = 100_000;
    public const int Partitions = 4;
    private const string ApplicationId = "bench-e2e-window";
    private const string BaselineGroup = "bench-e2e-baseline";
    private const string BaselineOutput = "bench-baseline-output";
    private const string BaselineChangelog = "bench-baseline-changelog";
    private static readonly TimeSpan CommitInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public async IAsyncEnumerable<BenchResult> RunAsync(bool baseline, bool restore, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var workload = new WindowWorkload(records, keys);
        var stateRoot = Path.Combine(Path.GetTempPath(), $"riskstreams-bench-{Guid.NewGuid():N}");
        await using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { DefaultPartitions = Partitions });
        try
        {
            cluster.CreateTopic(WindowTopology.InputTopic, Partitions);
            cluster.CreateTopic(WindowTopology.OutputTopic, Partitions);
            InputPrefill.Write(cluster.BootstrapServers, WindowTopology.InputTopic, workload);
            using var topics = new KafkaTopics(cluster.BootstrapServers);
            var inputEnds = topics.EndOffsets(WindowTopology.InputTopic);

            var window = await RunWindowAsync(cluster, topics, workload, inputEnds, Path.Combine(stateRoot, "run"), cancellationToken);
            var windowResult = window.Result(records, workload.DistinctKeys);
            if (!baseline)
            {
                yield return windowResult;
            }
            else
            {
                var pipe = await RunBaselineAsync(cluster, topics, workload, inputEnds, window, cancellationToken);
                yield return windowResult with
                {
                    RatioToBaseline = ProcessFigures.Ratio(windowResult.InputEventsPerSec, pipe.InputEventsPerSec),
                    Baseline = BaselineName,
                };
                yield return pipe;
            }

            if (restore)
            {
                yield return await RestoreAsync(cluster, topics, window.ChangelogTopics, Path.Combine(stateRoot, "restore"), cancellationToken);
            }
        }
        finally
        {
            TryDelete(stateRoot);
        }
    }

    internal static StreamsOptions Options(EmbeddedKafkaCluster cluster, string stateDirectory) => new()
    {
        ApplicationId = ApplicationId,
        BootstrapServers = cluster.BootstrapServers,
        CommitInterval = CommitInterval,
        StateDirectory = stateDirectory,
        ClientProperties = new Dictionary<string, string>
        {
            // The mock keeps a group rebalancing for session.timeout.ms - 1 s after its last member leaves.
            ["session.timeout.ms"] = "3000",
            ["heartbeat.interval.ms"] = "500",
        },
        InternalTopicCreator = created =>
        {
            foreach (var (topic, partitions) in created)
            {
                cluster.CreateTopic(topic, partitions);
            }

            return Task.CompletedTask;
        },
    };

    private static async Task<WindowRun> RunWindowAsync(EmbeddedKafkaCluster cluster, KafkaTopics topics, WindowWorkload workload,
        Dictionary<TopicPartition, long> inputEnds, string stateDirectory, CancellationToken cancellationToken)
    {
        await using var app = new KafkaStreams(WindowTopology.Build(WindowStoreVariants.InMemory), Options(cluster, stateDirectory));
        using var progress = new ConsumerGroupProgress(cluster.BootstrapServers, ApplicationId);
        var clock = Stopwatch.StartNew();
        app.Start();
        await progress.WaitAsync(inputEnds, () => app.State == StreamsState.Error ? app.Error ?? new InvalidOperationException("error state") : null,
            Deadline, cancellationToken);
        var elapsed = clock.Elapsed;
        var changelogTopics = topics.ChangelogTopics(ApplicationId);
        var outputs = topics.Written([WindowTopology.OutputTopic]);
        var changelog = topics.Written(changelogTopics);
        var latency = await ProbeLatency.MeasureAsync(cluster.BootstrapServers, WindowTopology.InputTopic, WindowTopology.OutputTopic, workload, cancellationToken);
        var peak = ProcessFigures.PeakRssMb();
        await app.CloseAsync();
        return new WindowRun(elapsed, outputs, changelog, changelogTopics, latency, peak);
    }

    private static async Task<BenchResult> RunBaselineAsync(EmbeddedKafkaCluster cluster, KafkaTopics topics, WindowWorkload workload,
        Dictionary<TopicPartition, long> inputEnds, WindowRun window, CancellationToken cancellationToken)
    {
        cluster.CreateTopic(BaselineOutput, Partitions);
        cluster.CreateTopic(BaselineChangelog, Partitions);
        var inputRecords = inputEnds.Values.Sum();
        var pipe = new BaselinePipe(cluster.BootstrapServers, BaselineGroup, WindowTopology.InputTopic, BaselineOutput, BaselineChangelog,
            window.Outputs / (double)inputRecords, window.Changelog / (double)inputRecords, CommitInterval, inputEnds);
        using var progress = new ConsumerGroupProgress(cluster.BootstrapServers, BaselineGroup);
        var clock = Stopwatch.StartNew();
        pipe.Start();
        try
        {
            await progress.WaitAsync(inputEnds, () => pipe.Error, Deadline, cancellationToken);
            var elapsed = clock.Elapsed;
            var outputs = pipe.MeasuredOutputRecords;
            var changelog = pipe.MeasuredChangelogRecords;
            var latency = await ProbeLatency.MeasureAsync(cluster.BootstrapServers, WindowTopology.InputTopic, BaselineOutput, workload, cancellationToken);
            return new BenchResult
            {
                Scenario = BaselineName,
                Variant = "confluent-kafka-pipe",
                Records = inputRecords,
                Keys = workload.DistinctKeys,
                Seconds = ProcessFigures.Seconds(elapsed),
                InputEventsPerSec = ProcessFigures.Rate(inputRecords, elapsed),
                OutputRecords = outputs,
                ChangelogRecords = changelog,
                P50Ms = latency.Percentile(50),
                P99Ms = latency.Percentile(99),
                LatencyKind = ProbeKind,
                PeakRssMb = ProcessFigures.PeakRssMb(),
                Note = $"consume -> produce {window.Outputs / (double)inputRecords:0.###} output and {window.Changelog / (double)inputRecords:0.###} changelog records per input record "
                    + $"(as {WindowName} wrote), commit every {CommitInterval.TotalMilliseconds} ms",
            };
        }
        finally
        {
            pipe.Stop();
        }
    }

    private static async Task<BenchResult> RestoreAsync(EmbeddedKafkaCluster cluster, KafkaTopics topics, IReadOnlyList<string> changelogTopics,
        string stateDirectory, CancellationToken cancellationToken)
    {
        if (changelogTopics.Count == 0)
        {
            return BenchResult.Skip(RestoreName, "in-memory",
                $"{WindowName} wrote no {ApplicationId}-*-changelog topic (changelog topics come with the durability work)");
        }

        var restore = await RestoreMeasurement.RestoreAsync(cluster, topics, changelogTopics, stateDirectory, Deadline, cancellationToken);
        var raw = RestoreMeasurement.RawConsume(cluster.BootstrapServers, topics, changelogTopics, Deadline);
        var restoreRate = ProcessFigures.Rate(restore.Records, restore.Restoring);
        return new BenchResult
        {
            Scenario = RestoreName,
            Variant = "in-memory",
            Records = restore.Records,
            Seconds = ProcessFigures.Seconds(restore.Restoring),
            InputEventsPerSec = restoreRate,
            OutputRecords = 0,
            ChangelogRecords = restore.Records,
            PeakRssMb = ProcessFigures.PeakRssMb(),
            RatioToBaseline = ProcessFigures.Ratio(restoreRate, ProcessFigures.Rate(raw.Records, raw.Elapsed)),
            Baseline = $"raw consume of the changelog: {raw.Records} records in {ProcessFigures.Seconds(raw.Elapsed)} s",
            Note = "restore = a fresh instance (same application id, empty state directory), timed by its restore listener from the first "
                + $"store partition starting to the last one ending ({restore.Applied} records applied); Start until RUNNING took "
                + $"{ProcessFigures.Seconds(restore.UntilRunning)} s (group join and assignment included); "
                + "records = what the changelog topics retain (the mock keeps ~5 MiB per partition)",
        };
    }

    private const string ProbeKind = "end to end, unloaded: 200 probe records produced 5 ms apart after the input is drained, produce call -> first output record seen by a consumer";

    private static void TryDelete(string directory)
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

    private sealed record WindowRun(TimeSpan Elapsed, long Outputs, long Changelog, IReadOnlyList<string> ChangelogTopics, LatencySamples Latency, double PeakRssMb)
    {
        public BenchResult Result(long records, long keys) => new()
        {
            Scenario = WindowName,
            Variant = "in-memory",
            Records = records,
            Keys = keys,
            Seconds = ProcessFigures.Seconds(Elapsed),
            InputEventsPerSec = ProcessFigures.Rate(records, Elapsed),
            OutputRecords = Outputs,
            ChangelogRecords = Changelog,
            P50Ms = Latency.Percentile(50),
            P99Ms = Latency.Percentile(99),
            LatencyKind = ProbeKind,
            PeakRssMb = PeakRssMb,
            Note = $"KafkaStreams, 1 stream thread, {Partitions} partitions, at-least-once, commit every {CommitInterval.TotalMilliseconds} ms; "
                + "timed from Start until every input offset is committed (group join included)",
        };
    }
}
