namespace RiskStreams.DevStack.Tests.Kafka;

/// <summary>One embedded cluster on free ports per test class.</summary>
public sealed class EmbeddedClusterFixture : IDisposable
{
    public EmbeddedClusterFixture() => Cluster = EmbeddedKafkaCluster.Start();

    public EmbeddedKafkaCluster Cluster { get; }

    public void Dispose() => Cluster.Dispose();
}
