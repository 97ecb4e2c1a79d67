namespace RiskStreams.Service;

/// <summary>Options of <c>riskstreams dev</c>.</summary>
internal sealed record DevOptions
{
    public long? Events { get; init; }

    public TimeSpan? Duration { get; init; }

    public int KafkaPort { get; init; }

    public int RegistryPort { get; init; }

    public int MetricsPort { get; init; } = 9464;

    public int Partitions { get; init; } = 4;

    public int Accounts { get; init; } = 1000;

    public int Seed { get; init; } = 42;

    /// <summary>Generated events per second; 0 = as fast as the cluster takes them.</summary>
    public int Rate { get; init; } = 2000;

    public bool Quiet { get; init; }

    /// <summary>A policy YAML file to decide with, reloaded when it changes; the built-in default when null.</summary>
    public string? PolicyFile { get; init; }

    public void Validate()
    {
        if (Events is <= 0)
        {
            throw new ArgumentException($"--events must be positive, was {Events}.");
        }

        if (PolicyFile is { } policy && !File.Exists(policy))
        {
            throw new ArgumentException($"--policy file {policy} does not exist.");
        }

        if (Duration is { } d && d <= TimeSpan.Zero)
        {
            throw new ArgumentException($"--duration must be positive, was {d}.");
        }

        foreach (var (name, port) in new[] { ("--kafka-port", KafkaPort), ("--registry-port", RegistryPort), ("--metrics-port", MetricsPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new ArgumentException($"{name} must be within 0-65535, was {port}.");
            }
        }

        if (Partitions < 1)
        {
            throw new ArgumentException($"--partitions must be at least 1, was {Partitions}.");
        }

        if (Accounts < 1)
        {
            throw new ArgumentException($"--accounts must be at least 1, was {Accounts}.");
        }

        if (Rate < 0)
        {
            throw new ArgumentException($"--rate must not be negative, was {Rate}.");
        }
    }
}
