using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams;

/// <summary>
/// Sliding windows (Kafka Streams' <c>SlidingWindows</c>): windows of a fixed time difference <c>d</c>
/// that include both ends, <c>[start, start + d]</c>, created only where records are. Each record at
/// <c>t</c> gets its own window <c>[t - d, t]</c> and, when a later record falls in it, the window
/// <c>[t + 1, t + 1 + d]</c>; every distinct set of records within <c>d</c> of each other is aggregated once.
/// </summary>
public sealed record SlidingWindows
{
    private SlidingWindows(long timeDifferenceMs, long gracePeriodMs)
    {
        TimeDifferenceMs = timeDifferenceMs;
        GracePeriodMs = gracePeriodMs;
    }

    /// <summary>The largest time difference between two records of one window, in milliseconds (the window size).</summary>
    public long TimeDifferenceMs { get; }

    /// <summary>How long after a window's end records are still accepted, in milliseconds.</summary>
    public long GracePeriodMs { get; }

    /// <summary>Sliding windows of <paramref name="timeDifference"/> that close as soon as stream time passes their end.</summary>
    public static SlidingWindows OfTimeDifferenceWithNoGrace(TimeSpan timeDifference) => OfTimeDifferenceAndGrace(timeDifference, TimeSpan.Zero);

    /// <summary>Sliding windows of <paramref name="timeDifference"/> that accept out-of-order records for <paramref name="grace"/> after their end.</summary>
    public static SlidingWindows OfTimeDifferenceAndGrace(TimeSpan timeDifference, TimeSpan grace)
    {
        var differenceMs = WindowTime.Milliseconds(timeDifference, nameof(timeDifference));
        var graceMs = WindowTime.Milliseconds(grace, nameof(grace));
        if (differenceMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timeDifference), timeDifference, "Time difference must not be negative.");
        }

        if (graceMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(grace), grace, "Grace period must not be negative.");
        }

        return new SlidingWindows(differenceMs, graceMs);
    }
}
