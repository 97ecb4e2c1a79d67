using System.Text.Json;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>One scenario side by side: each engine's summary, the ratio of the medians, and whether the outputs were equal.</summary>
internal sealed record ScenarioComparison
{
    public required string Scenario { get; init; }

    public required long Records { get; init; }

    public required long Keys { get; init; }

    public EngineSummary? RiskStreams { get; init; }

    public EngineSummary? Streamiz { get; init; }

    /// <summary>The ceiling's summary (plain Confluent.Kafka pipe), for the ceiling row.</summary>
    public EngineSummary? Pipe { get; init; }

    /// <summary>Why Streamiz did not run the scenario, when it cannot.</summary>
    public string? StreamizUnsupported { get; init; }

    /// <summary>RiskStreams' median rate / Streamiz's.</summary>
    public double? Ratio { get; init; }

    /// <summary>Whether every run of both engines wrote the same output records (same digest); null when there is nothing to compare.</summary>
    public bool? OutputsEqual { get; init; }

    /// <summary>The distinct output digests seen (one when the outputs were equal).</summary>
    public IReadOnlyList<string>? OutputDigests { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, EngineRun.Json);
}
