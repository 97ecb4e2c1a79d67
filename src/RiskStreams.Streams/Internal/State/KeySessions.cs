namespace RiskStreams.Streams.Internal.State;

/// <summary>One key's sessions by ascending end, then start.</summary>
internal sealed class KeySessions(byte[] key)
{
    private readonly TimeSortedList<List<KeyValuePair<long, byte[]>>> _byEnd = new();

    /// <summary>The key's bytes (one instance shared by every index entry of the key).</summary>
    public byte[] Key { get; } = key;

    public bool IsEmpty => _byEnd.Count == 0;

    public byte[]? Get(long start, long end)
    {
        if (_byEnd.Get(end) is { } sessions)
        {
            foreach (var (s, aggregate) in sessions)
            {
                if (s == start)
                {
                    return aggregate;
                }
            }
        }

        return null;
    }

    public void Put(long start, long end, byte[] aggregate)
    {
        var sessions = _byEnd.GetOrAdd(end, static _ => [], 0);
        var index = 0;
        while (index < sessions.Count && sessions[index].Key < start)
        {
            index++;
        }

        if (index < sessions.Count && sessions[index].Key == start)
        {
            sessions[index] = KeyValuePair.Create(start, aggregate);
        }
        else
        {
            sessions.Insert(index, KeyValuePair.Create(start, aggregate));
        }
    }

    /// <summary>Removes the session [<paramref name="start"/>, <paramref name="end"/>]; true when no session of the key ends at <paramref name="end"/> any more.</summary>
    public bool Remove(long start, long end)
    {
        if (_byEnd.Get(end) is not { } sessions)
        {
            return false;
        }

        for (var i = 0; i < sessions.Count; i++)
        {
            if (sessions[i].Key == start)
            {
                sessions.RemoveAt(i);
                break;
            }
        }

        return sessions.Count == 0 && _byEnd.Remove(end);
    }

    public void RemoveBefore(long minEnd) => _byEnd.RemoveBefore(minEnd);

    /// <summary>Appends the sessions ending at or after <paramref name="earliestEnd"/> and starting at or before <paramref name="latestStart"/>, by end, then start.</summary>
    public void AddSessions(long earliestEnd, long latestStart, List<KeyValuePair<Windowed<byte[]>, byte[]>> output)
    {
        for (var i = _byEnd.LowerBound(earliestEnd); i < _byEnd.Count; i++)
        {
            AddEndingAt(_byEnd.TimeAt(i), _byEnd.ValueAt(i), latestStart, output);
        }
    }

    /// <summary>Appends the sessions ending at <paramref name="end"/>, by start.</summary>
    public void AddEndingAt(long end, List<KeyValuePair<Windowed<byte[]>, byte[]>> output)
    {
        if (_byEnd.Get(end) is { } sessions)
        {
            AddEndingAt(end, sessions, long.MaxValue, output);
        }
    }

    private void AddEndingAt(long end, List<KeyValuePair<long, byte[]>> sessions, long latestStart, List<KeyValuePair<Windowed<byte[]>, byte[]>> output)
    {
        foreach (var (start, aggregate) in sessions)
        {
            if (start > latestStart)
            {
                break;
            }

            output.Add(KeyValuePair.Create(new Windowed<byte[]>(Key, new Window(start, end)), aggregate));
        }
    }
}
