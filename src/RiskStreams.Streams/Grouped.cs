namespace RiskStreams.Streams;

/// <summary>Serdes and name of a grouping; the name also names the repartition topic <c>{applicationId}-{name}-repartition</c>.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed record Grouped<TKey, TValue>(Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde)
{
    /// <summary>Name of the grouping (and its repartition topic).</summary>
    public string? Name { get; init; }

    /// <summary>With a name.</summary>
    public Grouped<TKey, TValue> WithName(string name) => this with { Name = name };
}

/// <summary>Factories of <see cref="Grouped{TKey, TValue}"/>.</summary>
public static class Grouped
{
    /// <summary>Groups with these serdes.</summary>
    public static Grouped<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(keySerde, valueSerde);

    /// <summary>Groups under a name, keeping the stream's serdes.</summary>
    public static Grouped<TKey, TValue> As<TKey, TValue>(string name) => new(null, null) { Name = name };
}
