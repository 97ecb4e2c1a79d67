namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// Values keyed by a unique time (window start, session end), sorted, held in parallel arrays. Time mostly
/// advances, so inserts land at the tail and expiry trims the head (by moving an offset, compacted when
/// the arrays fill) — cheaper than a balanced tree for this pattern, with binary-searched range scans.
/// </summary>
internal sealed class TimeSortedList<TValue>(int initialCapacity = 4)
    where TValue : class
{
    private long[] _times = new long[initialCapacity];
    private TValue[] _values = new TValue[initialCapacity];
    private int _head;
    private int _count;

    public int Count => _count;

    public long TimeAt(int index) => _times[_head + index];

    public TValue ValueAt(int index) => _values[_head + index];

    /// <summary>Index of the first entry whose time is at least <paramref name="time"/> (<see cref="Count"/> if none).</summary>
    public int LowerBound(long time)
    {
        // Most lookups are at or past the newest time.
        if (_count == 0 || _times[_head + _count - 1] < time)
        {
            return _count;
        }

        int lo = 0, hi = _count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_times[_head + mid] < time)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    public TValue? Get(long time)
    {
        var index = LowerBound(time);
        return index < _count && _times[_head + index] == time ? _values[_head + index] : null;
    }

    public TValue GetOrAdd<TState>(long time, Func<TState, TValue> create, TState state)
    {
        var index = LowerBound(time);
        if (index < _count && _times[_head + index] == time)
        {
            return _values[_head + index];
        }

        var value = create(state);
        Insert(index, time, value);
        return value;
    }

    /// <summary>Sets the value of <paramref name="time"/>, replacing any value it had; true when <paramref name="time"/> is new.</summary>
    public bool Set(long time, TValue value)
    {
        var index = LowerBound(time);
        if (index < _count && _times[_head + index] == time)
        {
            _values[_head + index] = value;
            return false;
        }

        Insert(index, time, value);
        return true;
    }

    public bool Remove(long time)
    {
        var index = LowerBound(time);
        if (index >= _count || _times[_head + index] != time)
        {
            return false;
        }

        if (index == 0)
        {
            _values[_head] = null!;
            _head++;
            _count--;
        }
        else
        {
            var at = _head + index;
            Array.Copy(_times, at + 1, _times, at, _count - index - 1);
            Array.Copy(_values, at + 1, _values, at, _count - index - 1);
            _count--;
            _values[_head + _count] = null!;
        }

        if (_count == 0)
        {
            _head = 0;
        }

        return true;
    }

    /// <summary>Drops every entry whose time is below <paramref name="minTime"/>.</summary>
    public void RemoveBefore(long minTime)
    {
        while (_count > 0 && _times[_head] < minTime)
        {
            _values[_head] = null!;
            _head++;
            _count--;
        }

        if (_count == 0)
        {
            _head = 0;
        }
    }

    public void Clear()
    {
        Array.Clear(_values);
        _head = 0;
        _count = 0;
    }

    private void Insert(int index, long time, TValue value)
    {
        EnsureTailRoom();
        var at = _head + index;
        var tail = _count - index;
        if (tail > 0)
        {
            Array.Copy(_times, at, _times, at + 1, tail);
            Array.Copy(_values, at, _values, at + 1, tail);
        }

        _times[at] = time;
        _values[at] = value;
        _count++;
    }

    private void EnsureTailRoom()
    {
        if (_head + _count < _times.Length)
        {
            return;
        }

        // Compact in place when at least a quarter of the array is dead head space (amortized at most
        // three moves per insert); otherwise grow. A key's few live windows thus stay in a small array
        // instead of doubling it whenever the head has not yet drifted past half of it.
        if (_head > 0 && _head * 4 >= _times.Length)
        {
            Array.Copy(_times, _head, _times, 0, _count);
            Array.Copy(_values, _head, _values, 0, _count);
            Array.Clear(_values, _count, _head);
        }
        else
        {
            var capacity = Math.Max(4, _times.Length * 2);
            var times = new long[capacity];
            var values = new TValue[capacity];
            Array.Copy(_times, _head, times, 0, _count);
            Array.Copy(_values, _head, values, 0, _count);
            _times = times;
            _values = values;
        }

        _head = 0;
    }
}
