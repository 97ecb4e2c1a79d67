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

    /// <summary>Longest a stop (SIGTERM) waits for output and commits before it abandons them, in milliseconds (<c>StreamsOptions.CloseTimeout</c>).</summary>
    public int CloseTimeoutMs { get; set; } = 30_000;

    /// <summary>
    /// <c>at_least_once</c> (default) or <c>exactly_once_v2</c> (transactional output, read_committed input; brokers 2.5+),
    /// as Kafka Streams' <c>processing.guarantee</c>.
    /// </summary>
    public string ProcessingGuarantee { get; set; } = "at_least_once";

    /// <summary>Root of local state (persistent stores, checkpoints): <c>{StateDirectory}/{ApplicationId}/{task}</c>.</summary>
    public string StateDirectory { get; set; } = new StreamsOptions().StateDirectory;

    /// <summary>Where account state lives: <c>RocksDb</c> (default; a clean restart restores only the changelog tail) or <c>InMemory</c>.</summary>
    public StoreType StoreType { get; set; } = StoreType.RocksDb;

    /// <summary>Record cache per store and task, in bytes (Kafka's cache.max.bytes.buffering): coalesces state writes per commit. Default 10 MiB; 0 turns it off.</summary>
    public long CacheMaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>The engine's value of <see cref="ProcessingGuarantee"/>; throws <see cref="InvalidOperationException"/> naming the setting when it is unknown.</summary>
    public ProcessingGuarantee ParseProcessingGuarantee() => ProcessingGuarantee.Trim().ToLowerInvariant() switch
    {
        "at_least_once" => Streams.ProcessingGuarantee.AtLeastOnce,
        "exactly_once_v2" => Streams.ProcessingGuarantee.ExactlyOnceV2,
        _ => throw new InvalidOperationException(
            $"RiskStreams:Kafka:ProcessingGuarantee must be at_least_once or exactly_once_v2, was '{ProcessingGuarantee}'."),
    };

    /// <summary>
    /// Static group membership (<c>group.instance.id</c>), e.g. the pod name of a StatefulSet: a restart within the
    /// session timeout gets its partitions back with no rebalance. Empty (default): dynamic membership.
    /// </summary>
    public string? GroupInstanceId { get; set; }

    /// <summary><c>host:port</c> this instance's HTTP port is reached at (Kafka Streams' <c>application.server</c>); see <c>RiskStreams:Api:AdvertisedServer</c>.</summary>
    public string? ApplicationServer { get; set; }

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ...).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}
