using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary><c>riskstreams run</c>: the processor against a real cluster and registry, until stopped.</summary>
internal static class RunCommandHandler
{
    public static ServiceSettings LoadSettings(string? configFile) => LoadSettings(LoadConfiguration(configFile));

    /// <summary>appsettings.json, then <paramref name="configFile"/>, then <c>RISKSTREAMS__*</c>-style environment variables.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or not valid JSON (one line naming it).</exception>
    public static IConfiguration LoadConfiguration(string? configFile) => ConfigurationFiles.Load(configFile);

    public static ServiceSettings LoadSettings(IConfiguration configuration)
    {
        var settings = new ServiceSettings();
        configuration.GetSection("RiskStreams").Bind(settings);
        settings.Validate();
        return settings;
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> (SIGTERM/SIGINT) fires; a stop during start-up is a clean stop too (exit 0).</summary>
    public static async Task<int> RunAsync(ServiceSettings settings, TextWriter output, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return await RunUntilStoppedAsync(settings, output, loggers, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("riskstreams run: stopped while starting");
            return 0;
        }
    }

    private static async Task<int> RunUntilStoppedAsync(ServiceSettings settings, TextWriter output, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var streams = new StreamsOptions
        {
            ApplicationId = settings.Kafka.ApplicationId,
            BootstrapServers = settings.Kafka.BootstrapServers,
            CommitInterval = TimeSpan.FromMilliseconds(settings.Kafka.CommitIntervalMs),
            CloseTimeout = TimeSpan.FromMilliseconds(settings.Kafka.CloseTimeoutMs),
            ProcessingGuarantee = settings.Kafka.ParseProcessingGuarantee(),
            ClientProperties = settings.Kafka.Properties,
            StateDirectory = settings.Kafka.StateDirectory,
            CacheMaxBytesBuffering = settings.Kafka.CacheMaxBytes,
            GroupInstanceId = string.IsNullOrWhiteSpace(settings.Kafka.GroupInstanceId) ? null : settings.Kafka.GroupInstanceId,
        };
        var registry = new SchemaRegistryOptions { Url = settings.SchemaRegistry.Url, BasicAuthUserInfo = settings.SchemaRegistry.BasicAuthUserInfo };
        var policy = new RiskPolicyHolder(settings.Policy.File is { Length: > 0 } file ? RiskPolicyLoader.LoadFile(file) : RiskPolicy.Default);
        var topology = settings.Decisions.Apply(settings.Topics.Apply(new RiskTopologyOptions { StoreType = settings.Kafka.StoreType }));
        settings.Api.ReviewsTopic = topology.ReviewsTopic;
        ProcessorHost? processor = null;
        using var api = new Api.ApiHost(settings.Api, settings.Kafka.BootstrapServers, registry, settings.Kafka.Properties, () => processor, loggers);
        await using var metrics = await MetricsServer.StartAsync(settings.Metrics.Host, settings.Metrics.Port, () => processor?.Streams,
            TimeSpan.FromSeconds(settings.Metrics.UnreachableGraceSeconds), cancellationToken, api.Api);
        streams = streams with { ApplicationServer = api.AdvertisedServer(settings.Kafka.ApplicationServer, settings.Metrics.Host, metrics.Url) };
        processor = await ProcessorHost.StartAsync(streams, registry, topology, loggers, cancellationToken, policy);
        await using var scope = processor;
        using var fileWatcher = settings.Policy.File is { Length: > 0 } path ? new PolicyFileWatcher(path, policy, loggers.CreateLogger<PolicyFileWatcher>()) : null;
        using var topicListener = settings.Policy.Topic is { Length: > 0 } topic
            ? new PolicyTopicListener(settings.Kafka.BootstrapServers, topic, policy, loggers.CreateLogger<PolicyTopicListener>())
            : null;
        output.WriteLine($"riskstreams run: {streams.ApplicationId} on {streams.BootstrapServers}, policy {policy.Current.Version}, metrics at {metrics.Url}/metrics" +
            (api.Api.Enabled ? $", review console at {metrics.Url}/console/ (this instance: {streams.ApplicationServer})" : ""));
        try
        {
            await processor.Streams.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("riskstreams run: stopping");
        }

        await processor.Streams.CloseAsync();
        if (processor.Streams.CloseTimedOut)
        {
            output.WriteLine($"riskstreams run: stopped without a clean close after {settings.Kafka.CloseTimeoutMs} ms (brokers unreachable); what was not committed is replayed from the last commit at the next start");
        }

        if (processor.Streams.Error is { } error)
        {
            output.WriteLine($"riskstreams run: the processor failed: {error.Message}");
            return 1;
        }

        return 0;
    }
}
