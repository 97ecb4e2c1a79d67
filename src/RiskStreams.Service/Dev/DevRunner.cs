using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.DevStack;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service.Dev;

/// <summary>
/// <c>riskstreams dev</c>: embedded cluster and registry, topics, metrics endpoint, the risk processor,
/// the synthetic generator, and a printer reading the changes back from Kafka.
/// </summary>
internal sealed class DevRunner(DevOptions options, TextWriter output, ILoggerFactory loggers)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        options.Validate();
        var topology = new RiskTopologyOptions();
        await using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaClusterOptions { BootstrapPort = options.KafkaPort, DefaultPartitions = options.Partitions });
        foreach (var topic in topology.InputTopics.Append(topology.LevelChangesTopic).Append(topology.DeadLetterTopic))
        {
            cluster.CreateTopic(topic, options.Partitions);
        }

        await using var registryServer = new EmbeddedSchemaRegistry(options.RegistryPort);
        await registryServer.StartAsync(cancellationToken);
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });

        ProcessorHost? processor = null;
        await using var metrics = await MetricsServer.StartAsync("127.0.0.1", options.MetricsPort, () => processor?.Streams,
            TimeSpan.FromSeconds(new MetricsSettings().UnreachableGraceSeconds), cancellationToken);
        output.WriteLine($"Kafka bootstrap:  {cluster.BootstrapServers}");
        output.WriteLine($"Schema Registry:  {registryServer.Url}");
        output.WriteLine($"Metrics:          {metrics.Url}/metrics");
        output.WriteLine($"Output topic:     {topology.LevelChangesTopic} (dead letters: {topology.DeadLetterTopic})");

        var streams = new StreamsOptions
        {
            ApplicationId = "riskstreams-dev",
            BootstrapServers = cluster.BootstrapServers,

            // The embedded cluster has no CreateTopics API: internal topics (store changelogs) are created through it.
            InternalTopicCreator = topics =>
            {
                cluster.CreateTopics(topics.Select(t => (t.Topic, t.Partitions)));
                return Task.CompletedTask;
            },
        };
        processor = await ProcessorHost.StartAsync(streams, new SchemaRegistryOptions { Url = registryServer.Url }, topology, loggers, cancellationToken, Policy());
        await using var processorScope = processor;
        using var policyWatcher = options.PolicyFile is { } file ? new PolicyFileWatcher(file, processor.Policy, loggers.CreateLogger<PolicyFileWatcher>()) : null;
        output.WriteLine($"Policy:           {processor.Policy.Current.Version}{(options.PolicyFile is { } f ? $" ({f}, reloaded on change)" : " (built-in default)")}");

        using var printer = new ChangePrinter(cluster.BootstrapServers, topology.LevelChangesTopic, registry, options.Quiet ? TextWriter.Null : output);
        using var stopPrinter = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var printing = Task.Factory.StartNew(() => printer.Run(stopPrinter.Token), TaskCreationOptions.LongRunning);

        var clock = Stopwatch.StartNew();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (options.Duration is { } duration)
        {
            bound.CancelAfter(duration);
        }

        // A processor that dies stops the generator at once: dev then reports why and exits non-zero.
        void StopWhenFailed(object? sender, StreamsState state)
        {
            if (state == StreamsState.PendingError)
            {
                bound.Cancel();
            }
        }

        processor.Streams.StateChanged += StopWhenFailed;
        if (processor.Streams.State is StreamsState.PendingError or StreamsState.Error)
        {
            await bound.CancelAsync();
        }

        var published = await PublishAsync(cluster.BootstrapServers, registry, bound.Token);
        processor.Streams.StateChanged -= StopWhenFailed;
        var drained = !cancellationToken.IsCancellationRequested;
        if (drained)
        {
            // Bounded by --events or --duration (not Ctrl-C): let the processor drain every input and the printer reach the end of the output.
            using var progress = new ConsumerGroupProgress(cluster.BootstrapServers, streams.ApplicationId);
            string[] inputs = [topology.TransactionsTopic, topology.LoginsTopic, topology.RepaymentsTopic];
            await WaitUntilAsync(() => processor.Streams.State == StreamsState.Error || progress.CaughtUp(inputs), cancellationToken);
            await processor.Streams.CloseAsync();
            await WaitUntilAsync(printer.CaughtUp, cancellationToken);
        }

        await stopPrinter.CancelAsync();
        await printing;
        await processor.Streams.CloseAsync();
        output.WriteLine($"dev: {published} events published{(drained ? " and processed" : "")}, {printer.Printed} risk-level changes " +
            $"({string.Join(", ", printer.PerLevel.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}) in {clock.Elapsed.TotalSeconds:0.0} s");
        if (processor.Streams.Error is { } error)
        {
            output.WriteLine($"dev: the processor failed: {error.Message}{(error.InnerException is { } inner ? $" ({inner.Message})" : "")}");
            return 1;
        }

        return 0;
    }

    private RiskPolicyHolder Policy() => new(options.PolicyFile is { } file ? RiskPolicyLoader.LoadFile(file) : RiskPolicy.Default);

    private async Task<long> PublishAsync(string bootstrapServers, SchemaRegistryClient registry, CancellationToken cancellationToken)
    {
        using var publisher = new WorkloadPublisher(bootstrapServers, registry);
        var generator = new WorkloadGenerator(new WorkloadOptions { Accounts = options.Accounts, Seed = options.Seed });
        var events = options.Events is { } n ? generator.Generate().Take(checked((int)n)) : generator.Generate();
        long count = 0;
        var perTick = options.Rate == 0 ? int.MaxValue : Math.Max(1, options.Rate / 10);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        using var source = events.GetEnumerator();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var sent = 0;
                while (sent < perTick && source.MoveNext())
                {
                    publisher.Publish(source.Current);
                    sent++;
                    count++;
                }

                if (sent < perTick)
                {
                    break;
                }

                if (options.Rate != 0)
                {
                    await timer.WaitForNextTickAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Bounded by --duration or Ctrl-C: stop generating, keep what was sent.
        }

        await publisher.FlushAsync(CancellationToken.None);
        return count;
    }

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
