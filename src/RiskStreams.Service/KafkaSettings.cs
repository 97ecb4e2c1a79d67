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

    /// <summary>Where account state lives: <c>RocksDb</c> (default; a clean restart restores only the changelog tail) or <c>InMemory</c>.</summary>
    public StoreType StoreType { get; set; } = StoreType.RocksDb;

    /// <summary>Record cache per store and task, in bytes (Kafka's cache.max.bytes.buffering): coalesces state writes per commit. Default 10 MiB; 0 turns it off.</summary>
    public long CacheMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ...).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}
