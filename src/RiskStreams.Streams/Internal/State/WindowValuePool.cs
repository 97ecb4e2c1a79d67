namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Arrays of expired or replaced window values, reused for new windows. An aggregation's values mostly have one length,
/// so the pool keeps arrays of the first length it is given (up to a bound) and lets others go. Without it each window's
/// array dies in the oldest generation when the window expires, and old-generation garbage is what costs the most to collect.
/// </summary>
internal sealed class WindowValuePool(int capacity = 1 << 16)
{
    private readonly Stack<byte[]> _free = new();
    private int _length = -1;

    /// <summary>An array the caller then owns, holding a copy of <paramref name="value"/>.</summary>
    public byte[] Copy(ReadOnlySpan<byte> value)
    {
        var array = value.Length == _length && _free.TryPop(out var free) ? free : new byte[value.Length];
        value.CopyTo(array);
        return array;
    }

    /// <summary>Takes back an array nobody else references any more.</summary>
    public void Recycle(byte[] array)
    {
        if (_length < 0)
        {
            _length = array.Length;
        }

        if (array.Length == _length && _free.Count < capacity)
        {
            _free.Push(array);
        }
    }

    public void Clear() => _free.Clear();
}
