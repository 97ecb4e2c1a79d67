using RiskStreams.DevStack;

namespace RiskStreams.IntegrationTests;

/// <summary>An embedded cluster (free port) and registry shared by one test class; tests use unique topics and groups.</summary>
public sealed class StackFixture : IAsyncLifetime
{
    public EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    public EmbeddedSchemaRegistry Registry { get; } = new();

    public async Task InitializeAsync()
    {
        Cluster = EmbeddedKafkaCluster.Start();
        await Registry.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Registry.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}
