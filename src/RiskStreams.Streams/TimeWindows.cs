using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams;

/// <summary>
/// Fixed-size time windows aligned to the epoch: tumbling (advance = size) or hopping (advance &lt; size).
/// Each window is half-open <c>[start, start + size)</c> with <c>start = k * advance</c>, <c>start &gt;= 0</c>;
/// a record at time <c>t</c> belongs to every window with <c>start &lt;= t &lt; start + size</c>. A record
/// later than a window's end plus the grace period (by the aggregation's observed stream time) is dropped
/// for that window.
/// </summary>
public sealed record TimeWindows
{
    private TimeWindows(long sizeMs, long advanceMs, long gracePeriodMs)
    {
        SizeMs = sizeMs;
        AdvanceMs = advanceMs;
        GracePeriodMs = gracePeriodMs;
    }

    /// <summary>Window size in milliseconds.</summary>
    public long SizeMs { get; }

    /// <summary>Distance between the starts of consecutive windows in milliseconds (equal to the size for tumbling windows).</summary>
    public long AdvanceMs { get; }

    /// <summary>How long after a window's end records are still accepted, in milliseconds.</summary>
    public long GracePeriodMs { get; }

    /// <summary>Tumbling windows of <paramref name="size"/> that close as soon as stream time reaches their end.</summary>
    public static TimeWindows OfSizeWithNoGrace(TimeSpan size) => OfSizeAndGrace(size, TimeSpan.Zero);

    /// <summary>Tumbling windows of <paramref name="size"/> that accept out-of-order records for <paramref name="grace"/> after their end.</summary>
    public static TimeWindows OfSizeAndGrace(TimeSpan size, TimeSpan grace)
    {
        var sizeMs = WindowTime.Milliseconds(size, nameof(size));
        var graceMs = WindowTime.Milliseconds(grace, nameof(grace));
        if (sizeMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "Window size must be positive.");
        }

        if (graceMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(grace), grace, "Grace period must not be negative.");
        }

        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /// <summary>Hopping windows: the same size and grace, a new window every <paramref name="advance"/> (0 &lt; advance &lt;= size).</summary>
    public TimeWindows AdvanceBy(TimeSpan advance)
    {
        var advanceMs = WindowTime.Milliseconds(advance, nameof(advance));
        if (advanceMs <= 0 || advanceMs > SizeMs)
        {
            throw new ArgumentOutOfRangeException(nameof(advance), advance, $"Window advance must be positive and no larger than the window size ({SizeMs} ms).");
        }

        return new TimeWindows(SizeMs, advanceMs, GracePeriodMs);
    }

    /// <summary>The windows a record at <paramref name="timestamp"/> belongs to, by ascending start.</summary>
    public IReadOnlyList<Window> WindowsFor(long timestamp)
    {
        var windows = new List<Window>();
        for (var start = FirstWindowStart(timestamp); start <= timestamp; start += AdvanceMs)
        {
            windows.Add(new Window(start, WindowEnd(start)));
        }

        return windows;
    }

    /// <summary>The smallest window start whose window contains <paramref name="timestamp"/>.</summary>
    internal long FirstWindowStart(long timestamp) => Math.Max(0, timestamp - SizeMs + AdvanceMs) / AdvanceMs * AdvanceMs;

    /// <summary>End (exclusive) of the window starting at <paramref name="start"/>, saturating instead of overflowing.</summary>
    internal long WindowEnd(long start) => start > long.MaxValue - SizeMs ? long.MaxValue : start + SizeMs;
}
