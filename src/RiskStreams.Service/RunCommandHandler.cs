using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary><c>riskstreams run</c>: the processor against a real cluster and registry, until stopped.</summary>
internal static class RunCommandHandler
{
    public static ServiceSettings LoadSettings(string? configFile)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false);
        }

        var configuration = builder.AddEnvironmentVariables().Build();
        var settings = new ServiceSettings();
        configuration.GetSection("RiskStreams").Bind(settings);
        settings.Validate();
        return settings;
    }

    public static async Task<int> RunAsync(ServiceSettings settings, TextWriter output, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var streams = new StreamsOptions
        {
            ApplicationId = settings.Kafka.ApplicationId,
            BootstrapServers = settings.Kafka.BootstrapServers,
            CommitInterval = TimeSpan.FromMilliseconds(settings.Kafka.CommitIntervalMs),
            ClientProperties = settings.Kafka.Properties,
        };
        var registry = new SchemaRegistryOptions { Url = settings.SchemaRegistry.Url, BasicAuthUserInfo = settings.SchemaRegistry.BasicAuthUserInfo };
        ProcessorHost? processor = null;
        await using var metrics = await MetricsServer.StartAsync(settings.Metrics.Host, settings.Metrics.Port, () => processor?.Pipeline.State, cancellationToken);
        processor = await ProcessorHost.StartAsync(streams, registry, new RiskTopologyOptions(), loggers, cancellationToken);
        await using var scope = processor;
        output.WriteLine($"riskstreams run: {streams.ApplicationId} on {streams.BootstrapServers}, metrics at {metrics.Url}/metrics");
        try
        {
            await processor.Pipeline.Completion.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.WriteLine("riskstreams run: stopping");
        }

        await processor.Pipeline.StopAsync();
        return processor.Pipeline.State == StreamsState.Error ? 1 : 0;
    }
}
