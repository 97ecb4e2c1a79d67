using RiskStreams.Streams;

namespace RiskStreams.Service;

/// <summary>Kafka settings.</summary>
public sealed class KafkaSettings
{
    /// <summary>Bootstrap servers.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Application id (consumer group and internal-topic prefix).</summary>
    public string ApplicationId { get; set; } = "riskstreams";

    /// <summary>Commit interval in milliseconds.</summary>
    public int CommitIntervalMs { get; set; } = 1000;

    /// <summary>Root of local state (persistent stores, checkpoints): <c>{StateDirectory}/{ApplicationId}/{task}</c>.</summary>
    public string StateDirectory { get; set; } = new StreamsOptions().StateDirectory;

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ...).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}
