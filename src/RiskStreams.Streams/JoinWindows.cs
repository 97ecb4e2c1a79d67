namespace RiskStreams.Streams;

/// <summary>
/// The time bounds of a stream-stream join: a record of this stream at time t joins every record of the other
/// stream with the same key and a timestamp in [t − <see cref="TimeBefore"/>, t + <see cref="TimeAfter"/>] (both
/// ends included). Records may arrive out of order up to <see cref="GracePeriod"/> after a window closes; left and
/// outer joins emit a record without a partner only once its window has closed.
/// </summary>
public sealed record JoinWindows
{
    private JoinWindows(TimeSpan before, TimeSpan after, TimeSpan grace)
    {
        if (before + after < TimeSpan.Zero)
        {
            throw new ArgumentException($"Join window interval (before {before} + after {after}) must not be negative.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        TimeBefore = before;
        TimeAfter = after;
        GracePeriod = grace;
    }

    /// <summary>How far before a record's timestamp the other stream's records join it.</summary>
    public TimeSpan TimeBefore { get; }

    /// <summary>How far after a record's timestamp the other stream's records join it.</summary>
    public TimeSpan TimeAfter { get; }

    /// <summary>How long after a window closes out-of-order records are still accepted.</summary>
    public TimeSpan GracePeriod { get; }

    /// <summary>The width of the join window (before plus after).</summary>
    public TimeSpan Size => TimeBefore + TimeAfter;

    internal long BeforeMs => (long)TimeBefore.TotalMilliseconds;

    internal long AfterMs => (long)TimeAfter.TotalMilliseconds;

    internal long GraceMs => (long)GracePeriod.TotalMilliseconds;

    /// <summary>Records join when their timestamps differ by at most <paramref name="timeDifference"/>; no out-of-order grace.</summary>
    public static JoinWindows OfTimeDifferenceWithNoGrace(TimeSpan timeDifference) => OfTimeDifferenceAndGrace(timeDifference, TimeSpan.Zero);

    /// <summary>Records join when their timestamps differ by at most <paramref name="timeDifference"/>; late records are accepted for <paramref name="grace"/>.</summary>
    public static JoinWindows OfTimeDifferenceAndGrace(TimeSpan timeDifference, TimeSpan grace)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeDifference, TimeSpan.Zero);
        return new JoinWindows(timeDifference, timeDifference, grace);
    }

    /// <summary>The same windows with another lower bound: the other stream's records may be at most <paramref name="timeDifference"/> earlier.</summary>
    public JoinWindows Before(TimeSpan timeDifference) => new(timeDifference, TimeAfter, GracePeriod);

    /// <summary>The same windows with another upper bound: the other stream's records may be at most <paramref name="timeDifference"/> later.</summary>
    public JoinWindows After(TimeSpan timeDifference) => new(TimeBefore, timeDifference, GracePeriod);
}
