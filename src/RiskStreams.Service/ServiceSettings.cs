namespace RiskStreams.Service;

/// <summary>
/// Configuration of <c>riskstreams run</c>, bound from appsettings.json and environment variables
/// (<c>RISKSTREAMS__KAFKA__BOOTSTRAPSERVERS</c> and so on).
/// </summary>
public sealed class ServiceSettings
{
    /// <summary>Kafka connection and application identity.</summary>
    public KafkaSettings Kafka { get; set; } = new();

    /// <summary>Schema Registry connection.</summary>
    public RegistrySettings SchemaRegistry { get; set; } = new();

    /// <summary>HTTP endpoint for /metrics and /health.</summary>
    public MetricsSettings Metrics { get; set; } = new();

    /// <summary>Where the risk policy comes from and is reloaded from.</summary>
    public PolicySettings Policy { get; set; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting by its configuration path.</summary>
    public void Validate()
    {
        Require(Kafka.BootstrapServers, "RiskStreams:Kafka:BootstrapServers");
        Require(Kafka.ApplicationId, "RiskStreams:Kafka:ApplicationId");
        if (Kafka.CommitIntervalMs <= 0)
        {
            throw new InvalidOperationException($"RiskStreams:Kafka:CommitIntervalMs must be positive, was {Kafka.CommitIntervalMs}.");
        }

        Require(SchemaRegistry.Url, "RiskStreams:SchemaRegistry:Url");
        if (!Uri.TryCreate(SchemaRegistry.Url.Split(',')[0].Trim(), UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"RiskStreams:SchemaRegistry:Url is not an absolute URL: '{SchemaRegistry.Url}'.");
        }

        if (Metrics.Port is < 0 or > 65535)
        {
            throw new InvalidOperationException($"RiskStreams:Metrics:Port must be within 0-65535, was {Metrics.Port}.");
        }
    }

    private static void Require(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"{path} is required (environment: {path.ToUpperInvariant().Replace(":", "__", StringComparison.Ordinal)}).");
        }
    }
}

/// <summary>Kafka settings.</summary>
public sealed class KafkaSettings
{
    /// <summary>Bootstrap servers.</summary>
    public string BootstrapServers { get; set; } = "";

    /// <summary>Application id (consumer group and internal-topic prefix).</summary>
    public string ApplicationId { get; set; } = "riskstreams";

    /// <summary>Commit interval in milliseconds.</summary>
    public int CommitIntervalMs { get; set; } = 1000;

    /// <summary>Extra librdkafka properties (security.protocol, sasl.*, ...).</summary>
    public Dictionary<string, string> Properties { get; set; } = [];
}

/// <summary>Schema Registry settings.</summary>
public sealed class RegistrySettings
{
    /// <summary>Registry URL(s), comma-separated.</summary>
    public string Url { get; set; } = "";

    /// <summary>Optional <c>user:password</c> for basic auth.</summary>
    public string? BasicAuthUserInfo { get; set; }
}

/// <summary>Policy settings: a YAML file (reloaded when it changes) and/or a compacted topic whose latest record wins.</summary>
public sealed class PolicySettings
{
    /// <summary>Policy file; the built-in default when empty.</summary>
    public string? File { get; set; }

    /// <summary>Topic carrying policy YAML (e.g. <c>risk.policy</c>); not followed when empty.</summary>
    public string? Topic { get; set; }
}

/// <summary>Metrics endpoint settings.</summary>
public sealed class MetricsSettings
{
    /// <summary>Address to bind.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind (0 picks a free one).</summary>
    public int Port { get; set; } = 9464;
}
