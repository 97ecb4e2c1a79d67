namespace RiskStreams.Streams;

/// <summary>Operations on streams keyed by <see cref="Windowed{TKey}"/>, such as the updates of a windowed aggregation.</summary>
public static class WindowedKStreamExtensions
{
    /// <summary>
    /// Replaces each windowed key by its grouping key (<see cref="Windowed{TKey}.Key"/>) <b>without</b> marking the stream
    /// for repartitioning: the updates of a windowed aggregation are produced in the task of their grouping key, so the
    /// unwrapped stream is still partitioned by it and can feed a table joined in the same task. Anything else that changes
    /// the key still repartitions.
    /// </summary>
    /// <param name="stream">Updates of a windowed aggregation (<see cref="KTable{TKey, TValue}.ToStream"/>).</param>
    /// <param name="keySerde">Serde of the grouping key.</param>
    /// <param name="name">Node name.</param>
    public static KStream<TKey, TValue> SelectGroupKey<TKey, TValue>(this KStream<Windowed<TKey>, TValue> stream, Serde<TKey> keySerde, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(keySerde);
        return stream.Then<TKey, TValue>("KSTREAM-GROUP-KEY", name, (r, c) => c.Forward(r.WithKey(r.Key.Key)), keySerde, stream.ValueSerde, stream.RepartitionRequired);
    }
}
