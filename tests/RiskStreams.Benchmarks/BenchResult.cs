using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RiskStreams.Benchmarks;

/// <summary>
/// One scenario's figures, printed as one JSON line. Null fields are left out; a skipped scenario carries only
/// <see cref="Scenario"/>, <see cref="Variant"/> and <see cref="Skipped"/>.
/// </summary>
public sealed record BenchResult
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // '->' and '+' stay readable; output is a terminal or a file, never HTML
    };

    /// <summary>Scenario name, e.g. <c>inproc-window</c>.</summary>
    public required string Scenario { get; init; }

    /// <summary>Variant within the scenario (store kind, in-process or end-to-end).</summary>
    public string? Variant { get; init; }

    /// <summary>Why the scenario did not run, when it did not.</summary>
    public string? Skipped { get; init; }

    /// <summary>Input records processed.</summary>
    public long? Records { get; init; }

    /// <summary>Distinct keys in the input.</summary>
    public long? Keys { get; init; }

    /// <summary>Wall-clock seconds of the measured phase.</summary>
    public double? Seconds { get; init; }

    /// <summary>Input records per second over the measured phase.</summary>
    public double? InputEventsPerSec { get; init; }

    /// <summary>
    /// Input records per CPU second of the whole process over the measured phase (all threads, GC included): on a shared
    /// machine less sensitive to other processes than <see cref="InputEventsPerSec"/>.
    /// </summary>
    public double? EventsPerCpuSec { get; init; }

    /// <summary>Records written to the output topic.</summary>
    public long? OutputRecords { get; init; }

    /// <summary>Records written to changelog topics.</summary>
    public long? ChangelogRecords { get; init; }

    /// <summary>Median latency per record in milliseconds (see <see cref="LatencyKind"/> for what is measured).</summary>
    public double? P50Ms { get; init; }

    /// <summary>99th percentile latency per record in milliseconds.</summary>
    public double? P99Ms { get; init; }

    /// <summary>Median latency per record of the heavy keys (heavy accounts of the risk workload), in milliseconds.</summary>
    public double? HeavyP50Ms { get; init; }

    /// <summary>99th percentile latency per record of the heavy keys, in milliseconds.</summary>
    public double? HeavyP99Ms { get; init; }

    /// <summary>What the latency figures measure.</summary>
    public string? LatencyKind { get; init; }

    /// <summary>Peak working set of the whole process so far, in MiB (it only grows over a run).</summary>
    public double? PeakRssMb { get; init; }

    /// <summary>Estimated in-memory state per active key, in bytes (managed heap growth over the run / active keys).</summary>
    public double? StateBytesPerKey { get; init; }

    /// <summary>Serialized bytes in the store per active key (keys, values and window starts): a lower bound of the state.</summary>
    public double? StoreContentBytesPerKey { get; init; }

    /// <summary>Median serialized state of a typical (light) key, in bytes.</summary>
    public double? StateBytesTypical { get; init; }

    /// <summary>Median serialized state of a heavy key, in bytes.</summary>
    public double? StateBytesHeavy { get; init; }

    /// <summary>Changelog records written per input record.</summary>
    public double? ChangelogRecordsPerEvent { get; init; }

    /// <summary><c>risk-topology</c>: records written to repartition topics per input event (the entity branches' hops).</summary>
    public double? RepartitionRecordsPerEvent { get; init; }

    /// <summary><c>risk-topology</c>: records per input event on each internal topic (repartition and changelog), by topic.</summary>
    public IReadOnlyDictionary<string, double>? InternalRecordsPerEvent { get; init; }

    /// <summary>The figures beside their targets, and whether each is met.</summary>
    public string? Targets { get; init; }

    /// <summary>Keys with at least one window in the store when the run ended.</summary>
    public long? ActiveKeys { get; init; }

    /// <summary>This scenario's input rate divided by its baseline's (plain pipe, raw consume).</summary>
    public double? RatioToBaseline { get; init; }

    /// <summary>The scenario this one is compared with.</summary>
    public string? Baseline { get; init; }

    /// <summary>Records the scenario dropped or rejected (late, invalid).</summary>
    public long? DroppedRecords { get; init; }

    /// <summary>Short remark on what the figures include or leave out.</summary>
    public string? Note { get; init; }

    /// <summary>A skipped scenario.</summary>
    public static BenchResult Skip(string scenario, string? variant, string reason) => new() { Scenario = scenario, Variant = variant, Skipped = reason };

    /// <summary>The result as one compact JSON object.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
