namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// One key's windows by ascending start: a value per start, or for a store retaining duplicates every
/// value put at that start, in put order with its sequence number.
/// </summary>
internal sealed class KeyWindows(byte[] key, bool retainDuplicates)
{
    private readonly TimeSortedList<byte[]>? _values = retainDuplicates ? null : new();
    private readonly TimeSortedList<List<KeyValuePair<int, byte[]>>>? _duplicates = retainDuplicates ? new() : null;

    /// <summary>The key's bytes (one instance shared by every index entry of the key).</summary>
    public byte[] Key { get; } = key;

    public bool IsEmpty => (_values?.Count ?? _duplicates!.Count) == 0;

    /// <summary>The value at <paramref name="start"/> (for duplicates: the latest one put), or null.</summary>
    public byte[]? Get(long start) => _values is not null ? _values.Get(start) : _duplicates!.Get(start)?[^1].Value;

    public void Put(long start, byte[] value, int seqnum)
    {
        if (_values is not null)
        {
            _values.Set(start, value);
        }
        else
        {
            _duplicates!.GetOrAdd(start, static _ => [], 0).Add(KeyValuePair.Create(seqnum, value));
        }
    }

    /// <summary>Removes the window at <paramref name="start"/> (a no-op for duplicates, whose deletes Kafka Streams also ignores).</summary>
    public bool Remove(long start) => _values?.Remove(start) ?? false;

    public void RemoveBefore(long minStart)
    {
        _values?.RemoveBefore(minStart);
        _duplicates?.RemoveBefore(minStart);
    }

    /// <summary>Appends the windows starting in [<paramref name="from"/>, <paramref name="to"/>] to <paramref name="output"/>, by ascending start.</summary>
    public void AddRange(long from, long to, List<KeyValuePair<long, byte[]>> output)
    {
        if (_values is not null)
        {
            for (var i = _values.LowerBound(from); i < _values.Count && _values.TimeAt(i) <= to; i++)
            {
                output.Add(KeyValuePair.Create(_values.TimeAt(i), _values.ValueAt(i)));
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
                output.Add(KeyValuePair.Create(new Windowed<byte[]>(Key, window), value));
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
}
