using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Risk;
using RiskStreams.Service;
using RiskStreams.Streams;
using RiskStreams.Topology;
using Xunit.Abstractions;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// Issue 13's determinism requirement end to end: the production topology with its entity branches on, over real TCP with four
/// partitions per topic, reaches the same final level on every account as the backtest of the same events, and catches the
/// generator's crowd attacks (and not their look-alikes) in both.
/// </summary>
/// <remarks>
/// <para>The end of the input is made the same on both sides. Live decisions go by stream time only: the decider holds an event
/// for its reorder grace and an entity join may hold one for its join grace until a later record reaches that task, so the last
/// events of each partition would stay undecided live while the backtest decides them when its input ends. So, once the group
/// has committed every input and repartition record (and the output has stopped growing), one "flush" account per partition
/// sends a successful MFA login with and without an address and a normal purchase one minute of event time after the last
/// generated event, on a device, an address and a merchant chosen to land on that same partition of every entity topic: every
/// task's stream time then passes every generated event plus any grace. The backtest gets the very same records last.</para>
/// <para>Live still holds the flush records themselves, which the backtest decides at its end: they change no level (checked).
/// Step-down timers are the other thing the backtest's end decides and live does not; the workload is kept shorter than the
/// shortest cooldown (checked), so no timer can be due before the flush.</para>
/// </remarks>
public sealed class EntitySignalsParityTests(StackFixture stack, ITestOutputHelper output) : IClassFixture<StackFixture>
{
    private const int Partitions = 4;
    private static readonly TimeSpan WorkloadSpan = TimeSpan.FromMinutes(100);
    private static readonly TimeSpan FlushAfter = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromSeconds(150);
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private readonly CapturedLog _log = new();

    [Fact]
    public async Task Four_partitions_live_reach_the_backtests_final_levels_and_catch_the_crowd_attacks_not_their_look_alikes()
    {
        var clock = Stopwatch.StartNew();
        using var overdue = new OverdueEnrichments();
        var topology = new RiskTopologyOptions
        {
            TransactionsTopic = $"txn-{_run}", LoginsTopic = $"login-{_run}", RepaymentsTopic = $"repay-{_run}", SyncStatusTopic = $"status-{_run}",
            ReviewsTopic = $"reviews-{_run}", LevelChangesTopic = $"changes-{_run}", DeadLetterTopic = $"dlq-{_run}", StoreType = StoreType.RocksDb,
        };
        var workload = new WorkloadOptions { Seed = 1313, Accounts = 1000, CrowdScenarioInterval = TimeSpan.FromMinutes(5) };
        var startMs = Ms(workload.StartTime);
        var events = new WorkloadGenerator(workload, new WorkloadTopics
        {
            Transactions = topology.TransactionsTopic, Logins = topology.LoginsTopic, Repayments = topology.RepaymentsTopic,
            Reviews = topology.ReviewsTopic, SyncStatus = topology.SyncStatusTopic,
        }).Generate().TakeWhile(e => e.ArrivesAtMs < startMs + (long)WorkloadSpan.TotalMilliseconds).ToList();
        Assert.All(Enum.GetValues<CrowdScenarioKind>(), kind => Assert.Contains(events, e => e.Crowd?.Kind == kind));
        var flushAtMs = events.Max(e => e.TimestampMs) + (long)FlushAfter.TotalMilliseconds;
        var cooldowns = topology.Policy.Cooldowns;
        Assert.True(flushAtMs - startMs < new[] { cooldowns.Watch, cooldowns.Restricted, cooldowns.Suspended }.Min().TotalMilliseconds,
            "the workload and its flush must end before the shortest cooldown, so no step-down is due where only the backtest decides");

        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            stack.Cluster.CreateTopic(topic, Partitions);
        }

        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        events.ForEach(publisher.Publish);
        await publisher.FlushAsync(CancellationToken.None);
        var produced = clock.Elapsed;

        var stateDirectory = Directory.CreateTempSubdirectory("riskstreams-parity-");
        var appId = $"parity-{_run}";
        var inputs = topology.InputTopics.Where(t => t != topology.SyncStatusTopic).ToList();
        using var progress = new ConsumerGroupProgress(stack.Cluster.BootstrapServers, appId);
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build();
        List<GeneratedEvent> flush;
        TimeSpan drained, flushed;
        try
        {
            await using (var host = await StartAsync(appId, topology, stateDirectory.FullName))
            {
                await WaitDrainedAsync(progress, admin, appId, inputs, topology.LevelChangesTopic, "the group to process every generated event");
                drained = clock.Elapsed;
                flush = FlushRecords(host.Streams, topology, flushAtMs);
                flush.ForEach(publisher.Publish);
                await publisher.FlushAsync(CancellationToken.None);
                await WaitDrainedAsync(progress, admin, appId, inputs, topology.LevelChangesTopic, "the group to process the flush records");
                flushed = clock.Elapsed;
            }
        }
        finally
        {
            stateDirectory.Delete(recursive: true);
        }

        var live = ReadLive(registry, topology.LevelChangesTopic);
        var deadLetters = TopicReader.ReadToEnd(stack.Cluster.BootstrapServers, topology.DeadLetterTopic).Count;
        var backtestClock = Stopwatch.StartNew();
        var (backtest, summary) = RunBacktest(events.Concat(flush));
        var backtestTime = backtestClock.Elapsed;

        output.WriteLine($"{events.Count} generated events ({events.Count(e => e.Crowd is not null)} in crowd scenarios) + {flush.Count} flush records; " +
            $"produced in {produced.TotalSeconds:0.0} s, live drained at {drained.TotalSeconds:0.0} s, flushed at {flushed.TotalSeconds:0.0} s; " +
            $"backtest {backtestTime.TotalSeconds:0.0} s; total {clock.Elapsed.TotalSeconds:0.0} s");
        output.WriteLine($"live: {live.Count} changes on {live.Select(c => c.Account).Distinct().Count()} accounts, {deadLetters} dead letters; " +
            $"backtest: {backtest.Count} changes on {backtest.Select(c => c.Account).Distinct().Count()} accounts, {summary.Rejected.Count} rejected");
        foreach (var reason in live.Concat(backtest).SelectMany(c => c.Reasons).Distinct().Order(StringComparer.Ordinal))
        {
            output.WriteLine($"  {reason}: live {live.Count(c => c.Reasons.Contains(reason))}, backtest {backtest.Count(c => c.Reasons.Contains(reason))} changes");
        }

        var truth = CrowdTruth.Of(events, topology.Policy);
        output.WriteLine(truth.ToString());
        Assert.True(truth.HasCompleteAttacks, "every attack must occur complete at least once");
        foreach (var line in RepartitionDiagnostics.Report(stack.Cluster.BootstrapServers, admin, appId, truth, topology.ReorderGrace))
        {
            output.WriteLine(line);
        }

        output.WriteLine($"decided without their enrichment (overdue, counted process-wide): {overdue}");
        var warnings = Warnings().ToList();
        output.WriteLine($"{warnings.Count} warnings or errors logged by the processor{(warnings.Count == 0 ? "" : ", the first: ")}");
        warnings.Take(10).ToList().ForEach(output.WriteLine);

        var flushAccounts = flush.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(live.Concat(backtest), c => flushAccounts.Contains(c.Account));
        output.WriteLine(truth.AssertCaught(backtest, "backtest"));
        AssertSameFinalLevels(live, backtest);
        output.WriteLine(truth.AssertCaught(live, "live"));
    }

    private async Task<ProcessorHost> StartAsync(string appId, RiskTopologyOptions topology, string stateDirectory)
    {
        // As `run` configures the engine by default (commit interval, record cache, RocksDB stores), on this test's topics.
        var streams = new StreamsOptions
        {
            ApplicationId = appId,
            BootstrapServers = stack.Cluster.BootstrapServers,
            CommitInterval = TimeSpan.FromSeconds(1),
            CacheMaxBytesBuffering = 10 * 1024 * 1024,
            StateDirectory = stateDirectory,
            InternalTopicCreator = topics =>
            {
                stack.Cluster.CreateTopics(topics.Select(t => (t.Topic, t.Partitions)));
                return Task.CompletedTask;
            },
        };
        var host = await ProcessorHost.StartAsync(streams, new SchemaRegistryOptions { Url = stack.Registry.Url }, topology, _log.Factory(),
            CancellationToken.None);
        try
        {
            await Wait.UntilAsync(() => host.Streams.State == StreamsState.Running, "the processor to join its group", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            var state = $"{host.Streams.State} ({host.Streams.Error?.ToString() ?? "no error"})";
            await host.DisposeAsync();
            throw new TimeoutException($"{ex.Message} It is {state}; warnings and errors:\n{string.Join("\n", Warnings())}", ex);
        }

        return host;
    }

    /// <summary>
    /// Waits until the group has committed every input and repartition partition up to its end, twice in a row with the output's
    /// end unchanged (at-least-once: a commit follows the flush of what its records produced).
    /// </summary>
    private static async Task WaitDrainedAsync(ConsumerGroupProgress progress, IAdminClient admin, string appId, IReadOnlyList<string> inputs, string outputTopic,
        string what)
    {
        long? lastOutputEnd = null;
        var streak = 0;
        await Wait.UntilAsync(() =>
        {
            var repartitions = admin.GetMetadata(TimeSpan.FromSeconds(10)).Topics.Select(t => t.Topic)
                .Where(t => t.StartsWith($"{appId}-", StringComparison.Ordinal) && t.EndsWith("-repartition", StringComparison.Ordinal));
            var caughtUp = progress.CaughtUp(inputs.Concat(repartitions));
            var outputEnd = progress.EndOffsets([outputTopic]).Values.Sum();
            streak = caughtUp && outputEnd == lastOutputEnd ? streak + 1 : 0;
            lastOutputEnd = outputEnd;
            return streak >= 2;
        }, what, DrainDeadline);
    }

    /// <summary>
    /// Per partition, an account, a device, an address and a merchant that the engine puts on that partition (of the decider and of
    /// each entity topic): a successful MFA login with the address, one without, and a normal purchase, at <paramref name="atMs"/>.
    /// </summary>
    private List<GeneratedEvent> FlushRecords(KafkaStreams streams, RiskTopologyOptions topology, long atMs)
    {
        string On(string store, string prefix, int partition) => Enumerable.Range(0, 10_000).Select(i => $"{prefix}{i}")
            .First(key => streams.QueryMetadataForKey(store, key, Serdes.String).Partition == partition);
        var at = DateTime.UnixEpoch.AddMilliseconds(atMs);
        var records = new List<GeneratedEvent>();
        for (var p = 0; p < Partitions; p++)
        {
            var account = On(RiskStoreNames.AccountState, $"flush-{_run}-", p);
            var device = On(EntitySignalNames.Windows(EntitySignalNames.Device), "flush-device-", p);
            var address = On(EntitySignalNames.Windows(EntitySignalNames.Ip), "10.255.0.", p);
            var merchant = On(EntitySignalNames.Windows(EntitySignalNames.Merchant), "flush-merchant-", p);
            Login Login(string id, string? ip) => new()
            {
                eventId = id, accountId = account, occurredAt = at, outcome = LoginOutcome.SUCCESS, deviceId = device, ipAddress = ip,
                channel = LoginChannel.APP, mfaUsed = true,
            };
            records.Add(new GeneratedEvent(topology.LoginsTopic, account, Login($"{account}-login", address), atMs));
            records.Add(new GeneratedEvent(topology.LoginsTopic, account, Login($"{account}-login-without-address", null), atMs));
            records.Add(new GeneratedEvent(topology.TransactionsTopic, account, new Transaction
            {
                eventId = $"{account}-purchase", accountId = account, occurredAt = at, amountMinor = 5_000, currency = "CNY", merchantId = merchant,
                merchantCategory = "5411", channel = TransactionChannel.POS, kind = TransactionKind.PURCHASE, status = TransactionStatus.APPROVED, deviceId = device,
            }, atMs));
        }

        return records;
    }

    private List<Change> ReadLive(SchemaRegistryClient registry, string topic)
    {
        var deserializer = new AvroDeserializer<RiskLevelChanged>(registry);
        return [.. TopicReader.ReadToEnd(stack.Cluster.BootstrapServers, topic)
            .Select(r => Change.Of(deserializer.Deserialize(r.Message.Value, false, new SerializationContext(MessageComponentType.Value, topic))))];
    }

    private static (List<Change> Changes, BacktestSummary Summary) RunBacktest(IEnumerable<GeneratedEvent> events)
    {
        using var input = new StringReader(string.Join('\n', events.Select(e => RiskBacktest.InputLine(e.Value))));
        using var changes = new StringWriter();
        var summary = RiskBacktest.Run(input, changes, RiskPolicy.Default);
        return ([.. changes.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Change.OfJson)], summary);
    }

    private static void AssertSameFinalLevels(List<Change> live, List<Change> backtest)
    {
        static Dictionary<string, string> Final(List<Change> changes) => changes.GroupBy(c => c.Account, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(c => c.Version)!.Level, StringComparer.Ordinal);
        var liveFinal = Final(live);
        var backtestFinal = Final(backtest);
        var differing = liveFinal.Keys.Union(backtestFinal.Keys).Where(a => liveFinal.GetValueOrDefault(a) != backtestFinal.GetValueOrDefault(a))
            .Order(StringComparer.Ordinal).ToList();
        if (differing.Count == 0)
        {
            return;
        }

        string History(List<Change> changes, string account) =>
            string.Join("\n", changes.Where(c => c.Account == account).OrderBy(c => c.Version).Select(c => $"      {c}")) is { Length: > 0 } h ? h : "      (none)";
        Assert.Fail($"{differing.Count} of {liveFinal.Keys.Union(backtestFinal.Keys).Count()} accounts end on different levels live and in the backtest:\n" +
            string.Join("\n", differing.Select(a =>
                $"  {a}: live {liveFinal.GetValueOrDefault(a) ?? "(no change)"}, backtest {backtestFinal.GetValueOrDefault(a) ?? "(no change)"}\n" +
                $"    live:\n{History(live, a)}\n    backtest:\n{History(backtest, a)}")));
    }

    private IEnumerable<string> Warnings() => _log.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"  {l.Level}: {l.Message}");

    private static long Ms(DateTime at) => (long)(at - DateTime.UnixEpoch).TotalMilliseconds;
}
