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

    /// <summary>Topic names (defaults: README "Topics").</summary>
    public TopicSettings Topics { get; set; } = new();

    /// <summary>Event-time bounds of the account decisions (reorder grace, clock skew, event age).</summary>
    public DecisionSettings Decisions { get; set; } = new();

    /// <summary>Account risk API and review console (disabled without a token).</summary>
    public Api.ApiSettings Api { get; set; } = new();

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first invalid setting by its configuration path.</summary>
    public void Validate()
    {
        Require(Kafka.BootstrapServers, "RiskStreams:Kafka:BootstrapServers");
        Require(Kafka.ApplicationId, "RiskStreams:Kafka:ApplicationId");
        if (Kafka.CommitIntervalMs <= 0)
        {
            throw new InvalidOperationException($"RiskStreams:Kafka:CommitIntervalMs must be positive, was {Kafka.CommitIntervalMs}.");
        }

        if (Kafka.CloseTimeoutMs <= 0)
        {
            throw new InvalidOperationException($"RiskStreams:Kafka:CloseTimeoutMs must be positive, was {Kafka.CloseTimeoutMs}.");
        }

        Kafka.ParseProcessingGuarantee();
        Require(Kafka.StateDirectory, "RiskStreams:Kafka:StateDirectory");
        if (Kafka.CacheMaxBytes < 0)
        {
            throw new InvalidOperationException($"RiskStreams:Kafka:CacheMaxBytes must be zero or positive, was {Kafka.CacheMaxBytes}.");
        }

        if (Policy.File is { Length: > 0 } policy && !System.IO.File.Exists(policy))
        {
            throw new InvalidOperationException($"RiskStreams:Policy:File {policy} does not exist.");
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

        if (Metrics.UnreachableGraceSeconds < 0)
        {
            throw new InvalidOperationException($"RiskStreams:Metrics:UnreachableGraceSeconds must not be negative, was {Metrics.UnreachableGraceSeconds}.");
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
