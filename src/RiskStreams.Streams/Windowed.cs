namespace RiskStreams.Streams;

/// <summary>The key of a windowed aggregation result: the record key and the window it was aggregated in.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <param name="Key">The record key.</param>
/// <param name="Window">The window.</param>
public readonly record struct Windowed<TKey>(TKey Key, Window Window)
{
    /// <summary>Kafka-style text: <c>[key@start/end]</c>.</summary>
    public override string ToString() => $"[{Key}@{Window.StartMs}/{Window.EndMs}]";
}
