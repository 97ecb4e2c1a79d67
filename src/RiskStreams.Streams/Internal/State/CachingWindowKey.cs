namespace RiskStreams.Streams.Internal.State;

/// <summary>A window store's cache key: the key's bytes (compared by content) and the window start.</summary>
internal readonly struct CachingWindowKey(byte[] key, long windowStart) : IEquatable<CachingWindowKey>
{
    public byte[] Key { get; } = key;

    public long WindowStart { get; } = windowStart;

    public bool Equals(CachingWindowKey other) => WindowStart == other.WindowStart && Key.AsSpan().SequenceEqual(other.Key);

    public override bool Equals(object? obj) => obj is CachingWindowKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(ByteArrayComparer.Instance.GetHashCode(Key), WindowStart);
}
