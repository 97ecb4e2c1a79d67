namespace RiskStreams.Streams;

/// <summary>How a sink writes a topic: serdes and node name.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed record Produced<TKey, TValue>(Serde<TKey>? KeySerde, Serde<TValue>? ValueSerde)
{
    /// <summary>Sink node name; generated when null.</summary>
    public string? Name { get; init; }

    /// <summary>With a node name.</summary>
    public Produced<TKey, TValue> WithName(string name) => this with { Name = name };
}

/// <summary>Factories of <see cref="Produced{TKey, TValue}"/>.</summary>
public static class Produced
{
    /// <summary>Writes with these serdes.</summary>
    public static Produced<TKey, TValue> With<TKey, TValue>(Serde<TKey> keySerde, Serde<TValue> valueSerde) => new(keySerde, valueSerde);
}
