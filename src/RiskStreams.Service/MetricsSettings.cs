namespace RiskStreams.Service;

/// <summary>Metrics endpoint settings.</summary>
public sealed class MetricsSettings
{
    /// <summary>Address to bind.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Port to bind (0 picks a free one).</summary>
    public int Port { get; set; } = 9464;
}
