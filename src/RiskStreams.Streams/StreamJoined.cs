namespace RiskStreams.Streams;

/// <summary>
/// Options of a stream-stream join: serdes of the join buffers (and of repartitions inserted before the join),
/// the name of the join's nodes and repartition topics (<c>{name}-left</c>, <c>{name}-right</c>), the base name of its
/// stores, and whether the stores are change-logged.
/// </summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">This stream's value type.</typeparam>
/// <typeparam name="TOtherValue">The other stream's value type.</typeparam>
public sealed record StreamJoined<TKey, TValue, TOtherValue>(Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde, Serde<TOtherValue>? OtherValueSerde)
{
    /// <summary>Base name of the join's processors (<c>{name}-join-this</c>, <c>{name}-join-other</c>, <c>{name}-merge</c>); generated when null.</summary>
    public string? Name { get; init; }

    /// <summary>Base name of the join's stores (<c>{storeName}-this-join-store</c>, ...); falls back to <see cref="Name"/>, then to generated names.</summary>
    public string? StoreName { get; init; }

    /// <summary>Whether the join stores have changelog topics (default true).</summary>
    public bool LoggingEnabled { get; init; } = true;

    /// <summary>With a processor base name.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithName(string name) => this with { Name = name };

    /// <summary>With a store base name.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithStoreName(string storeName) => this with { StoreName = storeName };

    /// <summary>Without changelog topics for the join stores.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithLoggingDisabled() => this with { LoggingEnabled = false };

    /// <summary>With a key serde.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithKeySerde(Serde<TKey> serde) => this with { KeySerde = serde };

    /// <summary>With this stream's value serde.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithValueSerde(Serde<TValue> serde) => this with { ValueSerde = serde };

    /// <summary>With the other stream's value serde.</summary>
    public StreamJoined<TKey, TValue, TOtherValue> WithOtherValueSerde(Serde<TOtherValue> serde) => this with { OtherValueSerde = serde };
}

/// <summary>Factories of <see cref="StreamJoined{TKey, TValue, TOtherValue}"/>.</summary>
public static class StreamJoined
{
    /// <summary>Joins with these serdes.</summary>
    public static StreamJoined<TKey, TValue, TOtherValue> With<TKey, TValue, TOtherValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde, Serde<TOtherValue> otherValueSerde) =>
        new(keySerde, valueSerde, otherValueSerde);

    /// <summary>Joins whose stores are named after <paramref name="storeName"/>, keeping the inputs' serdes.</summary>
    public static StreamJoined<TKey, TValue, TOtherValue> As<TKey, TValue, TOtherValue>(string storeName) => new(null, null, null) { StoreName = storeName };
}
