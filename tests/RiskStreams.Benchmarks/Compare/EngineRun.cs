using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// One engine's run of one scenario, measured in a child process of its own (so <see cref="PeakRssMb"/> is that run's alone)
/// and printed by it as one JSON line.
/// </summary>
internal sealed record EngineRun
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public required string Scenario { get; init; }

    public required string Engine { get; init; }

    public required long Records { get; init; }

    /// <summary>Wall-clock seconds of the measured phase: all of an in-process run; an end-to-end run's steady phase (first output record seen to the last).</summary>
    public required double Seconds { get; init; }

    /// <summary>Records per second over the measured phase.</summary>
    public required double RecordsPerSec { get; init; }

    /// <summary>End to end: start until every input offset is committed (start-up included).</summary>
    public double? TotalSeconds { get; init; }

    /// <summary>End to end: start until the first output record seen (group join, topic checks, the first fetch).</summary>
    public double? StartUpSeconds { get; init; }

    /// <summary>Output records of the measured run.</summary>
    public required long Outputs { get; init; }

    /// <summary>Order-independent digest of the output records (key and value bytes); equal digests, equal outputs.</summary>
    public string? OutputDigest { get; init; }

    /// <summary>Peak resident set of the child process (VmHWM), MiB: warm-up, workload and engine included.</summary>
    public required double PeakRssMb { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
