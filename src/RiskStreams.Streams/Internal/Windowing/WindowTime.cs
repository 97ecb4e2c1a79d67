namespace RiskStreams.Streams.Internal.Windowing;

/// <summary>Conversions between durations and the millisecond longs windows compute with.</summary>
internal static class WindowTime
{
    /// <summary>Whole milliseconds of <paramref name="duration"/>; sub-millisecond parts are rejected so windows stay exact.</summary>
    public static long Milliseconds(TimeSpan duration, string parameter)
    {
        if (duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            throw new ArgumentException($"Window durations are whole milliseconds; got {duration}.", parameter);
        }

        return duration.Ticks / TimeSpan.TicksPerMillisecond;
    }

    /// <summary><paramref name="a"/> + <paramref name="b"/> for non-negative operands, saturating at <see cref="long.MaxValue"/>.</summary>
    public static long SaturatedAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
