using System.Diagnostics;
using RiskStreams.Avro;
using RiskStreams.DevStack;
using RiskStreams.Streams;
using RiskStreams.Streams.Testing;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks;

/// <summary>
/// <c>risk-topology</c>: the production risk topology over the synthetic workload (<see cref="WorkloadGenerator"/>), in process
/// (<see cref="TopologyTestDriver"/>, wall clock following event time as in a backtest) and end to end (embedded cluster and
/// Schema Registry, prefilled inputs, from Start until every account input offset is committed).
/// </summary>
internal sealed class RiskTopologyScenario(int? records, int? accounts)
{
    public const string Name = "risk-topology";
    public const int DefaultInProcessRecords = 200_000;
    public const int DefaultEndToEndRecords = 100_000;
    public const int DefaultAccounts = 10_000;
    private const int BatchSize = 1000;
    private const int Partitions = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    private static readonly Serde<byte> Ignored = Serde<byte>.From(static (_, _) => null, static (_, _, _) => 0);

    public async Task<BenchResult> RunInProcessAsync(CancellationToken cancellationToken)
    {
        var events = RiskEvents.Generate(records ?? DefaultInProcessRecords, accounts ?? DefaultAccounts);
        await using var registryServer = new EmbeddedSchemaRegistry();
        await registryServer.StartAsync(cancellationToken);
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });
        var serdes = new RiskSerdes(registry);
        events = events.Serialize(serdes);

        var clock = new ReplayClock();
        var options = new RiskTopologyOptions { Clock = clock };
        using var driver = new TopologyTestDriver(RiskTopology.Create(options, serdes), new TopologyTestDriverOptions { ApplicationId = "bench-risk-inproc" });
        var inputs = options.InputTopics.ToDictionary(t => t, t => driver.CreateInputTopic(t, Serdes.ByteArray, Serdes.ByteArray), StringComparer.Ordinal);
        var output = driver.CreateOutputTopic(options.LevelChangesTopic, Ignored, Ignored);
        var latency = new LatencySamples();
        var elapsed = TimeSpan.Zero;
        long outputs = 0, rejected = 0;
        for (var start = 0; start < events.Events.Count; start += BatchSize)
        {
            var end = Math.Min(start + BatchSize, events.Events.Count);
            var began = Stopwatch.GetTimestamp();
            for (var i = start; i < end; i++)
            {
                var e = events.Events[i];
                var (key, value) = events.Serialized[i];
                try
                {
                    inputs[e.Topic].PipeRaw(key, value, e.TimestampMs);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The runtime dead-letters such a record; the driver has none, so it is counted (as the backtest does).
                    rejected++;
                }

                clock.Observe(e.TimestampMs);
            }

            // The wall clock follows event time once per batch, so the reorder buffer's wall-clock check runs as it would live.
            if (clock.NowMs > driver.WallClockTimeMs)
            {
                driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(clock.NowMs - driver.WallClockTimeMs));
            }

            var batch = Stopwatch.GetElapsedTime(began);
            elapsed += batch;
            latency.Add(batch.TotalMilliseconds / (end - start));
            while (!output.IsEmpty)
            {
                output.ReadRecord();
                outputs++;
            }
        }

        // Whatever the reorder buffer still holds is decided once the grace has passed (not timed: no input is left).
        driver.AdvanceWallClockTime(options.ReorderGrace + TimeSpan.FromMinutes(1));
        while (!output.IsEmpty)
        {
            output.ReadRecord();
            outputs++;
        }

        return new BenchResult
        {
            Scenario = Name,
            Variant = "in-process",
            Records = events.Events.Count,
            Keys = events.Accounts,
            Seconds = ProcessFigures.Seconds(elapsed),
            InputEventsPerSec = ProcessFigures.Rate(events.Events.Count, elapsed),
            OutputRecords = outputs,
            P50Ms = latency.Percentile(50),
            P99Ms = latency.Percentile(99),
            LatencyKind = $"in-process, per record: time of each batch of {BatchSize} piped events / {BatchSize}",
            PeakRssMb = ProcessFigures.PeakRssMb(),
            DroppedRecords = rejected + driver.DroppedRecordCount + driver.GlobalDroppedRecordCount,
            Note = "TopologyTestDriver, Avro-encoded events piped as bytes (deserialization timed, serialization not); droppedRecords = rejected (would be dead-lettered) + late",
        };
    }

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
        return new BenchResult
        {
            Scenario = Name,
            Variant = "end-to-end",
            Records = count,
            Keys = events.Accounts,
            Seconds = ProcessFigures.Seconds(elapsed),
            InputEventsPerSec = ProcessFigures.Rate(count, elapsed),
            OutputRecords = topics.Written([topology.LevelChangesTopic]),
            ChangelogRecords = topics.Written(topics.ChangelogTopics(options.ApplicationId)),
            PeakRssMb = ProcessFigures.PeakRssMb(),
            DroppedRecords = topics.Written([topology.DeadLetterTopic]),
            Note = "KafkaStreams over the embedded cluster and Schema Registry, prefilled inputs (4 partitions each), timed from Start until every account input offset "
                + "is committed; no latency figures: the reorder buffer holds each event for its grace (5 s) by design; droppedRecords = dead-lettered",
        };
    }
}
