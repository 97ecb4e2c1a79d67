namespace RiskStreams.Streams;

/// <summary>
/// Options of a stream-table join: serdes (for a repartition inserted before the join, and for the grace buffer),
/// a name for the join node (and the repartition topic <c>{applicationId}-{name}-repartition</c>), and a grace period.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Stream value type.</typeparam>
/// <typeparam name="TOtherValue">Table value type.</typeparam>
public sealed record Joined<TKey, TValue, TOtherValue>(Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde, Serde<TOtherValue>? OtherValueSerde)
{
    /// <summary>Join node name; generated when null.</summary>
    public string? Name { get; init; }

    /// <summary>
    /// How long stream records wait in a buffer before joining (KIP-923): each record joins when stream time reaches
    /// its timestamp plus the grace period, against the versioned table as of its timestamp, so table updates that
    /// arrive late but within the grace are seen. Requires a versioned table whose history retention is at least this.
    /// </summary>
    public TimeSpan? GracePeriod { get; init; }

    /// <summary>
    /// With a grace period: how long (wall clock) the join may receive no stream record before it stops waiting for stream
    /// time and joins everything its buffer holds, as of each record's timestamp. Stream time moves only with the join's own
    /// input, so without this a partition that goes quiet holds its last records until its next record arrives, however long
    /// that is. Null (the default, as Kafka Streams) waits for stream time only. The release is the only wall-clock-driven
    /// step: a record that arrives after it but within the grace of a released one is no longer seen by that one's join.
    /// </summary>
    public TimeSpan? IdleRelease { get; init; }

    /// <summary>With a join node name.</summary>
    public Joined<TKey, TValue, TOtherValue> WithName(string name) => this with { Name = name };

    /// <summary>With a grace period (zero means no buffering).</summary>
    public Joined<TKey, TValue, TOtherValue> WithGracePeriod(TimeSpan gracePeriod)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        return this with { GracePeriod = gracePeriod };
    }

    /// <summary>With an idle release of the grace buffer (see <see cref="IdleRelease"/>); must be positive.</summary>
    public Joined<TKey, TValue, TOtherValue> WithIdleRelease(TimeSpan idleRelease)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(idleRelease, TimeSpan.Zero);
        return this with { IdleRelease = idleRelease };
    }

    /// <summary>With a key serde.</summary>
    public Joined<TKey, TValue, TOtherValue> WithKeySerde(Serde<TKey> serde) => this with { KeySerde = serde };

    /// <summary>With a stream value serde.</summary>
    public Joined<TKey, TValue, TOtherValue> WithValueSerde(Serde<TValue> serde) => this with { ValueSerde = serde };

    /// <summary>With a table value serde.</summary>
    public Joined<TKey, TValue, TOtherValue> WithOtherValueSerde(Serde<TOtherValue> serde) => this with { OtherValueSerde = serde };
}

/// <summary>Factories of <see cref="Joined{TKey, TValue, TOtherValue}"/>.</summary>
public static class Joined
{
    /// <summary>Joins with these serdes.</summary>
    public static Joined<TKey, TValue, TOtherValue> With<TKey, TValue, TOtherValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde, Serde<TOtherValue> otherValueSerde) =>
        new(keySerde, valueSerde, otherValueSerde);

    /// <summary>A named join, keeping the inputs' serdes.</summary>
    public static Joined<TKey, TValue, TOtherValue> As<TKey, TValue, TOtherValue>(string name) => new(null, null, null) { Name = name };
}
