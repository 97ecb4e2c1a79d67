using System.Diagnostics.CodeAnalysis;

namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// One key's windows by ascending start: a value per start, or for a store retaining duplicates every
/// value put at that start, in put order with its sequence number.
/// </summary>
/// <remarks>
/// A value per start is held in an array of its own, copied in and out: an update of the same length overwrites it in
/// place. Aggregations rewrite every window many times, and an array replaced on each update would live just long
/// enough to be promoted by the garbage collector and then die in an old generation; the copies die young instead,
/// and arrays of removed windows go back to the store's <see cref="WindowValuePool"/> for new windows.
/// </remarks>
internal sealed class KeyWindows(byte[] key, bool retainDuplicates, WindowValuePool pool)
{
    private readonly TimeSortedList<byte[]>? _values = retainDuplicates ? null : new();
    private readonly TimeSortedList<List<KeyValuePair<int, byte[]>>>? _duplicates = retainDuplicates ? new() : null;

    /// <summary>The key's bytes (one instance shared by every index entry of the key).</summary>
    public byte[] Key { get; } = key;

    public bool IsEmpty => (_values?.Count ?? _duplicates!.Count) == 0;

    /// <summary>The value at <paramref name="start"/> (for duplicates: the latest one put), or null.</summary>
    public byte[]? Get(long start) => _values is not null ? Copy(_values.Get(start)) : _duplicates!.Get(start)?[^1].Value;

    /// <summary>The value at <paramref name="start"/> without a copy (valid until the next put), or false.</summary>
    public bool TryGet(long start, out ReadOnlySpan<byte> value)
    {
        var held = _values is not null ? _values.Get(start) : _duplicates!.Get(start)?[^1].Value;
        value = held;
        return held is not null;
    }

    /// <summary>
    /// Puts <paramref name="value"/> at <paramref name="start"/>; true when the key had no window at that start before.
    /// <paramref name="array"/> is the value as an array when the caller has one (a duplicate is kept as is, not copied).
    /// </summary>
    public bool Put(long start, ReadOnlySpan<byte> value, byte[]? array, int seqnum)
    {
        if (_values is not null)
        {
            var held = _values.Get(start);
            if (held is not null && held.Length == value.Length)
            {
                value.CopyTo(held);
                return false;
            }

            if (held is not null)
            {
                pool.Recycle(held);
            }

            return _values.Set(start, pool.Copy(value));
        }

        var list = _duplicates!.GetOrAdd(start, static _ => [], 0);
        list.Add(KeyValuePair.Create(seqnum, array ?? value.ToArray()));
        return list.Count == 1;
    }

    /// <summary>Removes the window at <paramref name="start"/> (a no-op for duplicates, whose deletes Kafka Streams also ignores).</summary>
    public bool Remove(long start)
    {
        if (_values?.Get(start) is not { } held)
        {
            return false;
        }

        _values.Remove(start);
        pool.Recycle(held);
        return true;
    }

    public void RemoveBefore(long minStart)
    {
        if (_values is not null)
        {
            for (var i = 0; i < _values.Count && _values.TimeAt(i) < minStart; i++)
            {
                pool.Recycle(_values.ValueAt(i));
            }

            _values.RemoveBefore(minStart);
        }

        _duplicates?.RemoveBefore(minStart);
    }

    /// <summary>Appends the windows starting in [<paramref name="from"/>, <paramref name="to"/>] to <paramref name="output"/>, by ascending start.</summary>
    public void AddRange(long from, long to, List<KeyValuePair<long, byte[]>> output)
    {
        if (_values is not null)
        {
            for (var i = _values.LowerBound(from); i < _values.Count && _values.TimeAt(i) <= to; i++)
            {
                output.Add(KeyValuePair.Create(_values.TimeAt(i), Copy(_values.ValueAt(i))));
            }

            return;
        }

        for (var i = _duplicates!.LowerBound(from); i < _duplicates.Count && _duplicates.TimeAt(i) <= to; i++)
        {
            foreach (var (_, value) in _duplicates.ValueAt(i))
            {
                output.Add(KeyValuePair.Create(_duplicates.TimeAt(i), value));
            }
        }
    }

    /// <summary>Appends the entries of the window at <paramref name="window"/>'s start to <paramref name="output"/>.</summary>
    public void AddWindow(Window window, List<KeyValuePair<Windowed<byte[]>, byte[]>> output)
    {
        if (_values is not null)
        {
            if (_values.Get(window.StartMs) is { } value)
            {
                output.Add(KeyValuePair.Create(new Windowed<byte[]>(Key, window), Copy(value)));
            }

            return;
        }

        if (_duplicates!.Get(window.StartMs) is { } list)
        {
            foreach (var (_, value) in list)
            {
                output.Add(KeyValuePair.Create(new Windowed<byte[]>(Key, window), value));
            }
        }
    }

    [return: NotNullIfNotNull(nameof(held))]
    private static byte[]? Copy(byte[]? held) => held is null ? null : [.. held];
}
