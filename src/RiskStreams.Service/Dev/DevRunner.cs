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

        // The account API and review console, with a token made up for this run (printed below).
        var apiSettings = new Api.ApiSettings { Token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)) };
        using var api = new Api.ApiHost(apiSettings, cluster.BootstrapServers, new SchemaRegistryOptions { Url = registryServer.Url }, new Dictionary<string, string>(),
            () => processor, loggers);
        await using var metrics = await MetricsServer.StartAsync("127.0.0.1", options.MetricsPort, () => processor?.Streams,
            TimeSpan.FromSeconds(new MetricsSettings().UnreachableGraceSeconds), cancellationToken, api.Api);
        output.WriteLine($"Review console:   {metrics.Url}/console/ (API token for this run: {apiSettings.Token})");
        output.WriteLine($"Kafka bootstrap:  {cluster.BootstrapServers}");
        output.WriteLine($"Schema Registry:  {registryServer.Url}");
        output.WriteLine($"Metrics:          {metrics.Url}/metrics");
        output.WriteLine($"Output topic:     {topology.LevelChangesTopic} (dead letters: {topology.DeadLetterTopic})");

        var streams = new StreamsOptions
        {
            ApplicationId = "riskstreams-dev",
            BootstrapServers = cluster.BootstrapServers,
            ApplicationServer = api.AdvertisedServer(null, "127.0.0.1", metrics.Url),

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

        // The generator's scenarios across accounts, told apart on the changes that carry their entity's reason.
        var crowd = new CrowdTally();
        using var printer = new ChangePrinter(cluster.BootstrapServers, topology.LevelChangesTopic, registry, options.Quiet ? TextWriter.Null : output, crowd.Observe);
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

        var published = await WorkloadPump.PublishAsync(cluster.BootstrapServers, registry, new WorkloadOptions { Accounts = options.Accounts, Seed = options.Seed }, options.Events, options.Rate, null, crowd.Published,
            bound.Token);
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
        var deadLetters = DeadLetterTally.Count(cluster.BootstrapServers, topology.DeadLetterTopic, TimeSpan.FromSeconds(10));
        foreach (var line in crowd.Summary())
        {
            output.WriteLine(line);
        }

        output.WriteLine($"dev: {published} events published{(drained ? " and processed" : "")}, {printer.Printed} risk-level changes " +
            $"({string.Join(", ", printer.PerLevel.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))}), {printer.ReviewCaused} caused by reviews, " +
            $"{deadLetters.Values.Sum()} dead letters{(deadLetters.Count > 0 ? $" ({string.Join(", ", deadLetters.Select(d => $"{d.Key} {d.Value}"))})" : "")} in {clock.Elapsed.TotalSeconds:0.0} s");
        if (processor.Streams.Error is { } error)
        {
            output.WriteLine($"dev: the processor failed: {error.Message}{(error.InnerException is { } inner ? $" ({inner.Message})" : "")}");
            return 1;
        }

        return 0;
    }

    private RiskPolicyHolder Policy() => new(options.PolicyFile is { } file ? RiskPolicyLoader.LoadFile(file) : RiskPolicy.Default);

    private static async Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken)
    {
        while (!condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }
}
