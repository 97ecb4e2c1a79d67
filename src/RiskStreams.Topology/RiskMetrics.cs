using System.Diagnostics.Metrics;

namespace RiskStreams.Topology;

/// <summary>Instruments of the risk pipeline, on the <see cref="MeterName"/> meter (the service exports them to Prometheus).</summary>
public static class RiskMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "RiskStreams.Risk";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> EventsConsumed =
        Meter.CreateCounter<long>("riskstreams.events.consumed", null, "Input events consumed, by stream.");

    internal static readonly Counter<long> LevelChanges =
        Meter.CreateCounter<long>("riskstreams.level.changes", null, "Risk-level changes emitted, by new level.");
}
