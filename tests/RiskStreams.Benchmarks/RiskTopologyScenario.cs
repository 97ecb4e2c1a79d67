using System.Diagnostics;
using RiskStreams.Avro;
using RiskStreams.DevStack;
using RiskStreams.Streams;
using RiskStreams.Streams.Testing;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks;

/// <summary>
/// <c>risk-topology</c>: the production risk topology over a realistic mix (<see cref="RiskEvents"/>: light accounts and a heavy
/// tail), in process (<see cref="TopologyTestDriver"/> with a record cache and periodic commits, the processing clock following
/// event time as in a backtest) and end to end (embedded cluster and Schema Registry, prefilled inputs, from Start until every
/// account input offset is committed, beside a plain consume→produce pipe over the same records). Each result prints its
/// figures beside the targets.
/// </summary>
internal sealed class RiskTopologyScenario(int? records, int? accounts)
{
    public const string Name = "risk-topology";
    public const int DefaultInProcessRecords = 200_000;
    public const int DefaultEndToEndRecords = 100_000;
    public const int DefaultAccounts = 10_000;
    private const int CommitEvery = 5_000;
    private const string BaselineInput = "bench-risk-baseline-in";
    private const string BaselineOutput = "bench-risk-baseline-out";
    private const string BaselineChangelog = "bench-risk-baseline-changelog";
    private const string BaselineGroup = "bench-risk-baseline";
    private const long CacheMaxBytes = 64L << 20;
    private const int Partitions = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private static readonly Serde<byte> Ignored = Serde<byte>.From(static (_, _) => null, static (_, _, _) => 0);

    public async Task<BenchResult> RunInProcessAsync(bool entityBranches, CancellationToken cancellationToken)
    {
        var events = RiskEvents.Generate(records ?? DefaultInProcessRecords, accounts ?? DefaultAccounts);
        await using var registryServer = new EmbeddedSchemaRegistry();
        await registryServer.StartAsync(cancellationToken);
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });
        var serdes = new RiskSerdes(registry);
        events = events.Serialize(serdes);

        var clock = new ReplayClock();
        var options = new RiskTopologyOptions { Clock = clock, EntitySignals = entityBranches };
        using var driver = new TopologyTestDriver(RiskTopology.Create(options, serdes),
            new TopologyTestDriverOptions { ApplicationId = "bench-risk-inproc", CacheMaxBytesBuffering = CacheMaxBytes });
        var inputs = options.InputTopics.ToDictionary(t => t, t => driver.CreateInputTopic(t, Serdes.ByteArray, Serdes.ByteArray), StringComparer.Ordinal);
        var collected = new InProcessOutputs(driver, options.LevelChangesTopic);
        var (light, heavy) = (new LatencySamples(), new LatencySamples());
        long elapsedTicks = 0, commitTicks = 0, rejected = 0;
        var cpuBefore = ProcessFigures.CpuTime();
        for (var i = 0; i < events.Events.Count; i++)
        {
            var e = events.Events[i];
            var (key, value) = events.Serialized[i];

            // The processing clock keeps pace with event time, as it would live (it bounds the clock skew, never a decision).
            clock.Observe(e.TimestampMs);
            var began = Stopwatch.GetTimestamp();
            try
            {
                inputs[e.Topic].PipeRaw(key, value, e.TimestampMs);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The runtime dead-letters such a record; the driver has none, so it is counted (as the backtest does).
                rejected++;
            }

            var took = Stopwatch.GetTimestamp() - began;
            elapsedTicks += took;
            (events.HeavyAccounts.Contains(e.Key) ? heavy : light).Add(took * 1000.0 / Stopwatch.Frequency);
            if ((i + 1) % CommitEvery == 0)
            {
                commitTicks += Commit(driver);
                collected.Collect();
            }
        }

        commitTicks += Commit(driver);
        collected.Collect();
        var cpu = ProcessFigures.CpuTime() - cpuBefore;
        elapsedTicks += commitTicks;
        var elapsed = TimeSpan.FromSeconds(elapsedTicks / (double)Stopwatch.Frequency);
        var all = new LatencySamples();
        all.AddRange(light);
        all.AddRange(heavy);
        var rate = ProcessFigures.Rate(events.Events.Count, elapsed);
        var typical = collected.MedianStateBytes(k => !events.HeavyAccounts.Contains(k));
        var heavyState = collected.MedianStateBytes(events.HeavyAccounts.Contains);
        return new BenchResult
        {
            Scenario = Name,
            Variant = entityBranches ? "in-process" : "in-process-entity-off",
            Records = events.Events.Count,
            Keys = events.Accounts,
            Seconds = ProcessFigures.Seconds(elapsed),
            InputEventsPerSec = rate,
            EventsPerCpuSec = ProcessFigures.Rate(events.Events.Count, cpu),
            OutputRecords = collected.Outputs,
            ChangelogRecords = collected.ChangelogRecords,
            ChangelogRecordsPerEvent = Math.Round(collected.ChangelogRecords / (double)events.Events.Count, 3),
            RepartitionRecordsPerEvent = Math.Round(collected.RepartitionRecords / (double)events.Events.Count, 3),
            InternalRecordsPerEvent = collected.RecordsByTopic.ToDictionary(
                e => e.Key.Replace("bench-risk-inproc-", "", StringComparison.Ordinal), e => Math.Round(e.Value / (double)events.Events.Count, 3), StringComparer.Ordinal),
            P50Ms = all.Percentile(50),
            P99Ms = all.Percentile(99),
            HeavyP50Ms = heavy.Percentile(50),
            HeavyP99Ms = heavy.Percentile(99),
            LatencyKind = "in-process, per event: time of each pipe call (deserialize, map, hold, decide whatever the grace releases, store); heavy = pipe calls "
                + "carrying a heavy account's event (see in-process-heavy-decisions for the cost of deciding one)",
            StateBytesTypical = typical,
            StateBytesHeavy = heavyState,
            PeakRssMb = ProcessFigures.PeakRssMb(),
            DroppedRecords = rejected + driver.DroppedRecordCount + driver.GlobalDroppedRecordCount,
            Targets = Invariant($"events/s {rate} (target >= 150000: {Met(rate >= 150_000)}); typical state {typical} B (target <= 2048: {Met(typical <= 2048)}); ")
                + Invariant($"heavy state {heavyState} B (changelog records of one account must stay well under 1 MB)"),
            Note = Invariant($"TopologyTestDriver, Avro-encoded events piped as bytes (deserialization timed, serialization not); record cache {CacheMaxBytes >> 20} MiB, ")
                + Invariant($"commit every {CommitEvery} events (timed: {commitTicks / (double)Stopwatch.Frequency:F2} s of the total); {events.HeavyAccounts.Count} heavy accounts with ~{events.HeavyTransactionsPerDay} transactions a day ")
                + Invariant($"carry {RiskEvents.HeavyShare:P0} of the events; state bytes = median serialized account state (last changelog value); droppedRecords = rejected (dead-lettered) + late"),
        };
    }

    /// <summary>
    /// The heavy accounts' events alone, decided on arrival (zero reorder grace), so each pipe call's time is the cost of
    /// deciding one event of an account with thousands of transactions a day (in the mixed run a pipe call decides whatever
    /// the grace releases, of any account).
    /// </summary>
    public async Task<BenchResult> RunHeavyDecisionsAsync(CancellationToken cancellationToken)
    {
        var mixed = RiskEvents.Generate(records ?? DefaultInProcessRecords, accounts ?? DefaultAccounts);
        var events = mixed with { Events = [.. mixed.Events.Where(e => mixed.HeavyAccounts.Contains(e.Key))] };
        await using var registryServer = new EmbeddedSchemaRegistry();
        await registryServer.StartAsync(cancellationToken);
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });
        var serdes = new RiskSerdes(registry);
        events = events.Serialize(serdes);
        var clock = new ReplayClock();
        var options = new RiskTopologyOptions { Clock = clock, ReorderGrace = TimeSpan.Zero };
        using var driver = new TopologyTestDriver(RiskTopology.Create(options, serdes),
            new TopologyTestDriverOptions { ApplicationId = "bench-risk-heavy", CacheMaxBytesBuffering = CacheMaxBytes });
        var input = driver.CreateInputTopic(options.TransactionsTopic, Serdes.ByteArray, Serdes.ByteArray);
        var latency = new LatencySamples();
        long elapsedTicks = 0;
        var cpuBefore = ProcessFigures.CpuTime();
        for (var i = 0; i < events.Events.Count; i++)
        {
            clock.Observe(events.Events[i].TimestampMs);
            var began = Stopwatch.GetTimestamp();
            input.PipeRaw(events.Serialized[i].Key, events.Serialized[i].Value, events.Events[i].TimestampMs);
            var took = Stopwatch.GetTimestamp() - began;
            elapsedTicks += took;
            latency.Add(took * 1000.0 / Stopwatch.Frequency);
            if ((i + 1) % CommitEvery == 0)
            {
                elapsedTicks += Commit(driver);
            }
        }

        var elapsed = TimeSpan.FromSeconds(elapsedTicks / (double)Stopwatch.Frequency);
        var cpu = ProcessFigures.CpuTime() - cpuBefore;
        var p50Us = Micros(latency.Percentile(50));
        return new BenchResult
        {
            Scenario = Name,
            Variant = "in-process-heavy-decisions",
            Records = events.Events.Count,
            Keys = events.HeavyAccounts.Count,
            Seconds = ProcessFigures.Seconds(elapsed),
            InputEventsPerSec = ProcessFigures.Rate(events.Events.Count, elapsed),
            EventsPerCpuSec = ProcessFigures.Rate(events.Events.Count, cpu),
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
            LatencyKind = "in-process, per event of a heavy account, decided on arrival (zero grace): the time of each pipe call",
            PeakRssMb = ProcessFigures.PeakRssMb(),
            Targets = Invariant($"heavy p50 {p50Us} us/event (target <= 20: {Met(p50Us <= 20)})"),
            Note = Invariant($"the mixed workload's {events.HeavyAccounts.Count} heavy accounts (~{events.HeavyTransactionsPerDay} transactions a day each) alone; commits as in-process"),
        };
    }

    private static long Commit(TopologyTestDriver driver)
    {
        var began = Stopwatch.GetTimestamp();
        driver.Commit();
        return Stopwatch.GetTimestamp() - began;
    }

    private static double? Micros(double? milliseconds) => milliseconds is { } ms ? Math.Round(ms * 1000, 1) : null;

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static string Invariant(FormattableString text) => text.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task<BenchResult> RunEndToEndAsync(CancellationToken cancellationToken)
    {
        var count = records ?? DefaultEndToEndRecords;
        var events = RiskEvents.Generate(count, accounts ?? DefaultAccounts);
        var topology = new RiskTopologyOptions();
        await using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { DefaultPartitions = Partitions });
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            cluster.CreateTopic(topic, Partitions);
        }

        await using var registryServer = new EmbeddedSchemaRegistry();
        await registryServer.StartAsync(cancellationToken);
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });
        using (var publisher = new WorkloadPublisher(cluster.BootstrapServers, registry))
        {
            foreach (var e in events.Events)
            {
                publisher.Publish(e);
            }

            await publisher.FlushAsync(cancellationToken);
        }

        using var topics = new KafkaTopics(cluster.BootstrapServers);
        var accountInputs = new[] { topology.TransactionsTopic, topology.LoginsTopic, topology.RepaymentsTopic }
            .SelectMany(topics.EndOffsets).ToDictionary(e => e.Key, e => e.Value);
        var stateDirectory = Path.Combine(Path.GetTempPath(), $"riskstreams-bench-{Guid.NewGuid():N}");
        var serdes = new RiskSerdes(registry);
        await serdes.WarmUpAsync(topology.LevelChangesTopic, cancellationToken);
        // The service's handlers: the workload holds deliberately invalid events, which are dead-lettered, not fatal.
        var options = E2eWindowSuite.Options(cluster, stateDirectory) with
        {
            ApplicationId = "bench-risk-e2e",
            CacheMaxBytesBuffering = 10L << 20, // the service's default
            DeadLetterTopic = topology.DeadLetterTopic,
            DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
            ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
            ProductionExceptionHandler = LogAndContinueExceptionHandler.Instance,
        };
        TimeSpan elapsed;
        await using (var app = new KafkaStreams(RiskTopology.Create(topology, serdes), options))
        {
            using var progress = new ConsumerGroupProgress(cluster.BootstrapServers, options.ApplicationId);
            var clock = Stopwatch.StartNew();
            app.Start();
            await progress.WaitAsync(accountInputs, () => app.State == StreamsState.Error ? app.Error ?? new InvalidOperationException("error state") : null,
                Deadline, cancellationToken);
            elapsed = clock.Elapsed;
            await app.CloseAsync();
        }

        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }

        var outputs = topics.Written([topology.LevelChangesTopic]);
        var changelog = topics.Written(topics.ChangelogTopics(options.ApplicationId));
        var rate = ProcessFigures.Rate(count, elapsed);

        // The plain pipe moving the same records (and as many output and changelog records per input record), for the ratio.
        var serialized = events.Serialize(new RiskSerdes(registry)).Serialized;
        foreach (var topic in new[] { BaselineInput, BaselineOutput, BaselineChangelog })
        {
            cluster.CreateTopic(topic, Partitions);
        }

        InputPrefill.Write(cluster.BootstrapServers, BaselineInput, count, i => (serialized[i].Key, serialized[i].Value, events.Events[i].TimestampMs));
        var baselineEnds = topics.EndOffsets(BaselineInput);
        var pipe = new BaselinePipe(cluster.BootstrapServers, BaselineGroup, BaselineInput, BaselineOutput, BaselineChangelog,
            outputs / (double)count, changelog / (double)count, options.CommitInterval, baselineEnds);
        TimeSpan baselineElapsed;
        using (var baselineProgress = new ConsumerGroupProgress(cluster.BootstrapServers, BaselineGroup))
        {
            var baselineClock = Stopwatch.StartNew();
            pipe.Start();
            try
            {
                await baselineProgress.WaitAsync(baselineEnds, () => pipe.Error, Deadline, cancellationToken);
                baselineElapsed = baselineClock.Elapsed;
            }
            finally
            {
                pipe.Stop();
            }
        }

        var baselineRate = ProcessFigures.Rate(count, baselineElapsed);
        var ratio = ProcessFigures.Ratio(rate, baselineRate);
        return new BenchResult
        {
            Scenario = Name,
            Variant = "end-to-end",
            Records = count,
            Keys = events.Accounts,
            Seconds = ProcessFigures.Seconds(elapsed),
            InputEventsPerSec = rate,
            OutputRecords = outputs,
            ChangelogRecords = changelog,
            ChangelogRecordsPerEvent = Math.Round(changelog / (double)count, 3),
            PeakRssMb = ProcessFigures.PeakRssMb(),
            DroppedRecords = topics.Written([topology.DeadLetterTopic]),
            RatioToBaseline = ratio,
            Baseline = Invariant($"plain consume->produce pipe over the same {count} records: {baselineRate} records/s"),
            Targets = Invariant($"ratio to the plain pipe {ratio} (target >= 0.7: {Met(ratio >= 0.7)})"),
            Note = "KafkaStreams over the embedded cluster and Schema Registry, prefilled inputs (4 partitions each), record cache 10 MiB, timed from Start until "
                + "every account input offset is committed; no latency figures: the reorder buffer holds each event for its grace (5 s) by design; droppedRecords = dead-lettered",
        };
    }
}
