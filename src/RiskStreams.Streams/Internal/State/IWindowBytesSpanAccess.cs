namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Copy-free access to a window bytes store's values, for the typed layer's hot path: a value is read as a span (valid
/// only until the store is next written; decode it at once) and written from a span the store copies. Layers that hold
/// on to values (a changelog collecting them) take an array of their own.
/// </summary>
internal interface IWindowBytesSpanAccess
{
    /// <summary>The value at (<paramref name="key"/>, <paramref name="windowStart"/>), if any.</summary>
    bool TryFetch(byte[] key, long windowStart, out ReadOnlySpan<byte> value);

    /// <summary>Puts a non-null value, copied from <paramref name="value"/>.</summary>
    void Put(byte[] key, ReadOnlySpan<byte> value, long windowStart);
}
