using Avro.Specific;

namespace RiskStreams.DevStack;

/// <summary>One generated record: where it goes, its key, its Avro value and its event time.</summary>
/// <param name="Topic">Destination topic.</param>
/// <param name="Key">Record key (UTF-8).</param>
/// <param name="Value">Avro value.</param>
/// <param name="TimestampMs">Event time, also the record timestamp.</param>
public sealed record GeneratedEvent(string Topic, string Key, ISpecificRecord Value, long TimestampMs)
{
    /// <summary>Simulated arrival time; later than <see cref="TimestampMs"/> for records synced late.</summary>
    public long ArrivesAtMs { get; init; } = TimestampMs;

    /// <summary>The scenario across accounts this event belongs to, or null (ordinary activity and per-account scenarios).</summary>
    public CrowdScenario? Crowd { get; init; }
}
