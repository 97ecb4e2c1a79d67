using System.Text;
using RiskStreams.Avro;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology's workload: <see cref="RiskEvents"/>' realistic mix (light accounts and a heavy tail) in arrival order,
/// serialized up front (<see cref="RiskEventCodec"/>) so piping costs the harness nothing. The Avro serdes need a Schema Registry:
/// <see cref="CreateAsync"/> starts an embedded one, kept for the decoding.
/// </summary>
internal sealed class RiskCompareWorkload : IAsyncDisposable
{
    public const string EventsTopic = "cmp-risk-events";
    public const string SyncTopic = "cmp-risk-sync-status";
    public const string OutputTopic = "cmp-risk-level-changes";

    private readonly EmbeddedSchemaRegistry _registryServer;
    private readonly SchemaRegistryClient _registry;

    private RiskCompareWorkload(EmbeddedSchemaRegistry registryServer, SchemaRegistryClient registry, RiskEventCodec codec, List<Input> inputs)
    {
        (_registryServer, _registry, Codec, Inputs) = (registryServer, registry, codec, inputs);
    }

    /// <summary>One record to pipe: to <see cref="SyncTopic"/> when <see cref="Sync"/>, else to <see cref="EventsTopic"/>.</summary>
    internal readonly record struct Input(bool Sync, byte[] Key, byte[] Value, long TimestampMs);

    public RiskEventCodec Codec { get; }

    public IReadOnlyList<Input> Inputs { get; }

    public static async Task<RiskCompareWorkload> CreateAsync(int records, int accounts, CancellationToken cancellationToken)
    {
        var registryServer = new EmbeddedSchemaRegistry();
        await registryServer.StartAsync(cancellationToken);
        var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = registryServer.Url });
        var codec = new RiskEventCodec(new RiskSerdes(registry));
        var inputs = RiskEvents.Generate(records, accounts).Events.Select(e => e.Value is SyncStatus s
                ? new Input(true, Encoding.UTF8.GetBytes(e.Key), RiskEventCodec.SyncedThrough(s), e.TimestampMs)
                : new Input(false, Encoding.UTF8.GetBytes(e.Key), codec.Encode(e.Value), e.TimestampMs))
            .ToList();
        return new RiskCompareWorkload(registryServer, registry, codec, inputs);
    }

    public async ValueTask DisposeAsync()
    {
        _registry.Dispose();
        await _registryServer.DisposeAsync();
    }
}
