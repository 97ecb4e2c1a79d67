using RiskStreams.DevStack;

namespace RiskStreams.Streams.Tests;

/// <summary>One embedded Kafka cluster on a free port, shared by the tests of a class (they use unique topics and ids).</summary>
public sealed class EmbeddedKafkaFixture : IAsyncLifetime
{
    public EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Cluster = EmbeddedKafkaCluster.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
