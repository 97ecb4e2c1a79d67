using RiskStreams.Avro;
using RiskStreams.DevStack;

namespace RiskStreams.Topology.Tests;

/// <summary>An embedded Schema Registry for the topology's Avro serdes.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private readonly EmbeddedSchemaRegistry _server = new();

    public SchemaRegistryClient Client { get; private set; } = null!;

    public RiskSerdes Serdes { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        Client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = _server.Url });
        Serdes = new RiskSerdes(Client);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
