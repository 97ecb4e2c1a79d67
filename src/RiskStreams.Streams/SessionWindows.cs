using RiskStreams.Streams.Internal.Windowing;

namespace RiskStreams.Streams;

/// <summary>
/// Session windows: a key's records closer to each other than the inactivity gap form one session
/// <c>[first, last]</c> (both ends included); a record that bridges two sessions merges them.
/// </summary>
public sealed record SessionWindows
{
    private SessionWindows(long inactivityGapMs, long gracePeriodMs)
    {
        InactivityGapMs = inactivityGapMs;
        GracePeriodMs = gracePeriodMs;
    }

    /// <summary>The largest gap between two records of one session, in milliseconds.</summary>
    public long InactivityGapMs { get; }

    /// <summary>How long after a session's end records are still accepted, in milliseconds.</summary>
    public long GracePeriodMs { get; }

    /// <summary>Sessions with this inactivity gap that close as soon as stream time passes their end.</summary>
    public static SessionWindows OfInactivityGapWithNoGrace(TimeSpan inactivityGap) => OfInactivityGapAndGrace(inactivityGap, TimeSpan.Zero);

    /// <summary>Sessions with this inactivity gap that accept out-of-order records for <paramref name="grace"/> after their end.</summary>
    public static SessionWindows OfInactivityGapAndGrace(TimeSpan inactivityGap, TimeSpan grace)
    {
        var gapMs = WindowTime.Milliseconds(inactivityGap, nameof(inactivityGap));
        var graceMs = WindowTime.Milliseconds(grace, nameof(grace));
        if (gapMs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inactivityGap), inactivityGap, "Inactivity gap must be positive.");
        }

        if (graceMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(grace), grace, "Grace period must not be negative.");
        }

        return new SessionWindows(gapMs, graceMs);
    }
}
