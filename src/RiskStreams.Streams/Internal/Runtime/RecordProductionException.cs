namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>
/// Marks an output record that failed before reaching the broker — its serializer threw, or the producer refused it
/// at once (e.g. too large) — so the thread hands it to the production handler.
/// </summary>
internal sealed class RecordProductionException(string topic, byte[]? key, byte[]? value, long timestampMs, Exception inner) : Exception(inner.Message, inner)
{
    public string Topic { get; } = topic;

    /// <summary>The serialized key; null when the key itself failed to serialize (or is null).</summary>
    public byte[]? Key { get; } = key;

    /// <summary>The serialized value; null when it failed to serialize (or is a tombstone).</summary>
    public byte[]? Value { get; } = value;

    public long TimestampMs { get; } = timestampMs;
}
