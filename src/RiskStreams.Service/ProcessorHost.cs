using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>The risk processor: registry client, serdes, the risk topology and the streams runtime, started and stopped together.</summary>
internal sealed class ProcessorHost : IAsyncDisposable
{
    private readonly SchemaRegistryClient _registry;
    private readonly IDisposable _policyMetric;

    private ProcessorHost(SchemaRegistryClient registry, RiskTopologyOptions topology, RiskPolicyHolder policy, KafkaStreams streams)
    {
        _registry = registry;
        Topology = topology;
        Policy = policy;
        Streams = streams;
        _policyMetric = ServiceMetrics.Track(policy);
    }

    public KafkaStreams Streams { get; }

    public RiskTopologyOptions Topology { get; }

    public RiskPolicyHolder Policy { get; }

    public static async Task<ProcessorHost> StartAsync(
        StreamsOptions streams, SchemaRegistryOptions registryOptions, RiskTopologyOptions topology, ILoggerFactory loggers, CancellationToken cancellationToken,
        RiskPolicyHolder? policy = null)
    {
        var registry = new SchemaRegistryClient(registryOptions);
        try
        {
            var serdes = new RiskSerdes(registry);
            await serdes.WarmUpAsync(topology.LevelChangesTopic, cancellationToken);
            var holder = policy ?? new RiskPolicyHolder(topology.Policy);
            // A bad record must never stop risk decisions for everyone else: every handler skips to the dead-letter topic.
            var app = new KafkaStreams(RiskTopology.Create(topology, serdes, () => holder.Current), streams with
            {
                DeadLetterTopic = topology.DeadLetterTopic,
                MaxTaskTimeSkew = streams.MaxTaskTimeSkew ?? topology.TaskTimeSkew,
                DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
                ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
                ProductionExceptionHandler = LogAndContinueExceptionHandler.Instance,
            }, loggers);
            app.Start();
            return new ProcessorHost(registry, topology, holder, app);
        }
        catch
        {
            registry.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Streams.DisposeAsync();
        }
        finally
        {
            _policyMetric.Dispose();
            _registry.Dispose();
        }
    }
}
