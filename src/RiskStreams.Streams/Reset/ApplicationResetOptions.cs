namespace RiskStreams.Streams.Reset;

/// <summary>What <see cref="ApplicationReset"/> resets. Validated at start with errors naming the field.</summary>
public sealed record ApplicationResetOptions
{
    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port]</c>.</summary>
    public string BootstrapServers { get; init; } = "";

    /// <summary>The application to reset: its consumer group and the prefix of its internal topics.</summary>
    public string ApplicationId { get; init; } = "";

    /// <summary>Input topics whose committed offsets go back to the earliest offset (or to <see cref="ToDateTime"/>).</summary>
    public IReadOnlyList<string> InputTopics { get; init; } = [];

    /// <summary>
    /// Internal topics to delete; null (the default) discovers them from cluster metadata:
    /// <c>{ApplicationId}-*-repartition</c> and <c>{ApplicationId}-*-changelog</c>.
    /// </summary>
    public IReadOnlyList<string>? InternalTopics { get; init; }

    /// <summary>Resets input offsets to the first record at or after this time instead of the earliest offset.</summary>
    public DateTimeOffset? ToDateTime { get; init; }

    /// <summary>Root of local state; <c>{StateDirectory}/{ApplicationId}</c> is deleted. Default as <see cref="StreamsOptions.StateDirectory"/>.</summary>
    public string StateDirectory { get; init; } = new StreamsOptions().StateDirectory;

    /// <summary>Plans and reports the reset without changing anything.</summary>
    public bool DryRun { get; init; }

    /// <summary>Extra librdkafka properties for the admin client and the consumer (security settings, <c>session.timeout.ms</c>).</summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Bound of each request to the cluster, and of joining the group. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException($"{nameof(BootstrapServers)} is required (host:port).", nameof(BootstrapServers));
        }

        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            throw new ArgumentException($"{nameof(ApplicationId)} is required.", nameof(ApplicationId));
        }

        if (InputTopics is null || InputTopics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{nameof(InputTopics)} must not contain empty names.", nameof(InputTopics));
        }

        if (InternalTopics is not null && InternalTopics.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{nameof(InternalTopics)} must not contain empty names.", nameof(InternalTopics));
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException($"{nameof(StateDirectory)} is required.", nameof(StateDirectory));
        }

        if (RequestTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(RequestTimeout)} must be positive, was {RequestTimeout}.", nameof(RequestTimeout));
        }

        if (ClientProperties is null)
        {
            throw new ArgumentException($"{nameof(ClientProperties)} is required.", nameof(ClientProperties));
        }
    }
}
