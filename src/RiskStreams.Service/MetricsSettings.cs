namespace RiskStreams.Service;

/// <summary>Metrics endpoint settings.</summary>
public sealed class MetricsSettings
{
    /// <summary>Address to bind.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind (0 picks a free one).</summary>
    public int Port { get; set; } = 9464;

    /// <summary>Seconds the processor's consumers may reach no broker before <c>/health/ready</c> (and <c>/health</c>) answer 503.</summary>
    public int UnreachableGraceSeconds { get; set; } = 10;
}
