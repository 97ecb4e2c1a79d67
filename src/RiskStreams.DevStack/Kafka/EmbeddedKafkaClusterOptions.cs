namespace RiskStreams.DevStack;

/// <summary>How to start an <see cref="EmbeddedKafkaCluster"/>.</summary>
public sealed record EmbeddedKafkaClusterOptions
{
    /// <summary>The largest <see cref="BrokerCount"/> accepted.</summary>
    public const int MaxBrokerCount = 32;

    /// <summary>Number of brokers, 1 to <see cref="MaxBrokerCount"/>. Default 1.</summary>
    public int BrokerCount { get; init; } = 1;

    /// <summary>
    /// Loopback port clients bootstrap from: 0 (the default) for the ephemeral port librdkafka picks, or a fixed port
    /// (see <see cref="EmbeddedKafkaCluster"/> for how a fixed port is served).
    /// </summary>
    public int BootstrapPort { get; init; }

    /// <summary>
    /// Partitions of a topic created by <see cref="EmbeddedKafkaCluster.CreateTopic(string)"/> without a count.
    /// Default 4. Topics that clients auto-create get librdkafka's built-in mock default, which is also 4.
    /// </summary>
    public int DefaultPartitions { get; init; } = 4;

    /// <summary>
    /// How long a new consumer group waits for more members before its first rebalance. Default zero, as in Kafka's
    /// own test clusters; a production broker waits 3 s.
    /// </summary>
    public TimeSpan GroupInitialRebalanceDelay { get; init; } = TimeSpan.Zero;

    /// <summary>Checks every setting.</summary>
    /// <exception cref="InvalidOperationException">A setting is out of range; the message names it.</exception>
    public void Validate()
    {
        if (BrokerCount is < 1 or > MaxBrokerCount)
        {
            throw Invalid(nameof(BrokerCount), $"must be between 1 and {MaxBrokerCount}", BrokerCount);
        }

        if (BootstrapPort is < 0 or > 65535)
        {
            throw Invalid(nameof(BootstrapPort), "must be 0 (any free port) or a TCP port up to 65535", BootstrapPort);
        }

        if (DefaultPartitions < 1)
        {
            throw Invalid(nameof(DefaultPartitions), "must be at least 1", DefaultPartitions);
        }

        if (GroupInitialRebalanceDelay < TimeSpan.Zero || GroupInitialRebalanceDelay.TotalMilliseconds > int.MaxValue)
        {
            throw Invalid(nameof(GroupInitialRebalanceDelay), "must be zero or positive and fit in int milliseconds",
                GroupInitialRebalanceDelay);
        }
    }

    private static InvalidOperationException Invalid(string name, string rule, object value) =>
        new($"{nameof(EmbeddedKafkaClusterOptions)}.{name} {rule}; it is {value}.");
}
