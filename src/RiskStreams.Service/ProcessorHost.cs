using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>The risk processor: registry client, serdes, handler and the stream runtime, started and stopped together.</summary>
internal sealed class ProcessorHost : IAsyncDisposable
{
    private readonly SchemaRegistryClient _registry;
    private readonly RiskTopologyOptions _topology;

    private ProcessorHost(SchemaRegistryClient registry, RiskTopologyOptions topology, RecordPipeline pipeline)
    {
        _registry = registry;
        _topology = topology;
        Pipeline = pipeline;
    }

    public RecordPipeline Pipeline { get; }

    public static async Task<ProcessorHost> StartAsync(
        StreamsOptions streams, SchemaRegistryOptions registryOptions, RiskTopologyOptions topology, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var registry = new SchemaRegistryClient(registryOptions);
        try
        {
            var serdes = new RiskSerdes(registry);
            await serdes.WarmUpAsync(topology.LevelChangesTopic, cancellationToken);
            var handler = new RiskRecordHandler(topology, serdes);
            var pipeline = new RecordPipeline(streams with { DeadLetterTopic = topology.DeadLetterTopic }, topology.InputTopics, handler, loggers);
            pipeline.Start();
            return new ProcessorHost(registry, topology, pipeline);
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    public string OutputTopic => _topology.LevelChangesTopic;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Pipeline.StopAsync();
        }
        finally
        {
            _registry.Dispose();
        }
    }
}
