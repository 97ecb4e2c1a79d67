namespace RiskStreams.Streams.Internal.State;

/// <summary>Identifies a <see cref="RocksDbWindowBlock"/>: the key's bytes (compared by content) and the block's start time.</summary>
internal readonly struct RocksDbWindowBlockKey(byte[] key, long blockStart) : IEquatable<RocksDbWindowBlockKey>
{
    public byte[] Key { get; } = key;

    public long BlockStart { get; } = blockStart;

    public bool Equals(RocksDbWindowBlockKey other) => BlockStart == other.BlockStart && Key.AsSpan().SequenceEqual(other.Key);

    public override bool Equals(object? obj) => obj is RocksDbWindowBlockKey other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(ByteArrayComparer.Instance.GetHashCode(Key), BlockStart);
}
