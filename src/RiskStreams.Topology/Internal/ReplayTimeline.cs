namespace RiskStreams.Topology.Internal;

/// <summary>
/// The backtest's reference for <see cref="RiskTopologyOptions.MaxClockSkew"/> at each input line: the median timestamp of the
/// line and the next <c>lookahead</c> lines with an event. A processor keeping pace with the events would have seen about that
/// time on its clock when the line arrived. The median makes it robust to a few wild device clocks (a line dated 2099 among
/// lines of 2026 is judged against 2026, and refused), while a real gap in the input moves it at once, since the lines after
/// the gap follow it; the last lines of an input are judged among themselves. Lines wait until <c>lookahead</c> later events
/// are known (or the input ends); lines without an event (unreadable) keep their place so rejections stay in input order.
/// </summary>
internal sealed class ReplayTimeline(int lookahead)
{
    private readonly List<Entry> _pending = [];

    /// <summary>Adds the next line: its event, or the reason it could not be read.</summary>
    public void Add(long lineNumber, BacktestEvent? e, string? error) => _pending.Add(new Entry(lineNumber, e, error));

    /// <summary>
    /// The next line in input order once enough later lines are known (any line once <paramref name="inputEnded"/>), with the
    /// reference time at it (0 for a line without an event).
    /// </summary>
    public bool TryTake(bool inputEnded, out Entry entry, out long referenceMs)
    {
        entry = default;
        referenceMs = 0;
        if (_pending.Count == 0)
        {
            return false;
        }

        var first = _pending[0];
        var later = _pending.Skip(1).Where(p => p.Event is not null).Take(lookahead).Select(p => p.Event!.TimestampMs).ToList();
        if (first.Event is not null && later.Count < lookahead && !inputEnded)
        {
            return false;
        }

        _pending.RemoveAt(0);
        if (first.Event is { } e)
        {
            var sample = later.Append(e.TimestampMs).Order().ToList();
            referenceMs = sample[sample.Count / 2];
        }

        entry = first;
        return true;
    }

    /// <summary>One input line: its number, and its event or the reason it could not be read.</summary>
    internal readonly record struct Entry(long LineNumber, BacktestEvent? Event, string? Error);
}
