namespace RiskStreams.Service.Commands.Topics;

/// <summary>
/// How <c>riskstreams topics</c> lays the topics out, bound from the same <c>RiskStreams:Topics</c> section as the
/// topic names (<c>RISKSTREAMS__TOPICS__PARTITIONS</c> and so on).
/// </summary>
public sealed class TopicProvisioningSettings
{
    /// <summary>Reviews input (appeal decisions), created with the other inputs.</summary>
    public string Reviews { get; set; } = "account.reviews";

    /// <summary>Partitions of every input, the output and the dead letters (the inputs must be co-partitioned).</summary>
    public int Partitions { get; set; } = 4;

    /// <summary>Replication factor of every topic; -1 takes the broker's <c>default.replication.factor</c> and is not checked.</summary>
    public short ReplicationFactor { get; set; } = 3;

    /// <summary>Retention of the dead-letter topic in milliseconds (default 14 days: time to inspect and replay).</summary>
    public long DeadLetterRetentionMs { get; set; } = 14L * 24 * 60 * 60 * 1000;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Reviews))
        {
            throw new InvalidOperationException("RiskStreams:Topics:Reviews must name a topic.");
        }

        if (Partitions < 1)
        {
            throw new InvalidOperationException($"RiskStreams:Topics:Partitions must be at least 1, was {Partitions}.");
        }

        if (ReplicationFactor is 0 or < -1)
        {
            throw new InvalidOperationException($"RiskStreams:Topics:ReplicationFactor must be -1 (broker default) or at least 1, was {ReplicationFactor}.");
        }

        if (DeadLetterRetentionMs is 0 or < -1)
        {
            throw new InvalidOperationException($"RiskStreams:Topics:DeadLetterRetentionMs must be -1 (forever) or positive, was {DeadLetterRetentionMs}.");
        }
    }
}
