namespace RiskStreams.Streams;

/// <summary>Settings of a stream-processing application. Validated at start with errors naming the field.</summary>
public sealed record StreamsOptions
{
    /// <summary>Consumer group id and prefix of internal topics and stores.</summary>
    public string ApplicationId { get; init; } = "";

    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port]</c>.</summary>
    public string BootstrapServers { get; init; } = "";

    /// <summary>How often processed offsets are committed (after the producer is flushed).</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Topic that receives records the handler fails on; null makes such a failure stop the application.</summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>Longest a single poll blocks; also bounds how late a stop request is seen.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extra librdkafka properties applied to consumer and producer (e.g. security settings).</summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            throw new ArgumentException($"{nameof(ApplicationId)} is required.", nameof(ApplicationId));
        }

        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException($"{nameof(BootstrapServers)} is required (host:port).", nameof(BootstrapServers));
        }

        if (CommitInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(CommitInterval)} must be positive, was {CommitInterval}.", nameof(CommitInterval));
        }

        if (PollTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(PollTimeout)} must be positive, was {PollTimeout}.", nameof(PollTimeout));
        }
    }
}
