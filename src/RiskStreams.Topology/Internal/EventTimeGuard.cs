using System.Globalization;
using RiskStreams.Risk;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Keeps implausible event times away from every clock: an event more than the maximum skew ahead of the processing clock is
/// refused by the timestamp extractor, before the engine's stream time can see it; one more than the maximum age behind the
/// task's stream time is refused by the account processor before it touches any state. Both throw
/// <see cref="InvalidEventException"/> (dead-lettered by the runtime) and are counted.
/// </summary>
internal sealed class EventTimeGuard(TimeProvider clock, TimeSpan maxClockSkew, TimeSpan maxEventAge)
{
    private readonly long _skewMs = (long)maxClockSkew.TotalMilliseconds;
    private readonly long _ageMs = (long)maxEventAge.TotalMilliseconds;

    /// <summary>The event time of <paramref name="occurredAt"/> in epoch ms; throws when it is too far ahead of the processing clock.</summary>
    public long EventTime(DateTime occurredAt, string stream, string? eventId)
    {
        var ms = EventMapper.ToUnixMs(occurredAt);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (ms > Saturating(now, _skewMs))
        {
            throw Rejected(RejectionReasons.ClockSkew, stream, string.Create(CultureInfo.InvariantCulture,
                $"{stream} event {eventId}: occurredAt {Iso(ms)} is more than the maximum clock skew ({maxClockSkew}) ahead of the processing clock ({Iso(now)}); it would move the account's clock and windows, so it is not decided on."));
        }

        return ms;
    }

    /// <summary>Throws when <paramref name="e"/> is more than the maximum age behind <paramref name="streamTimeMs"/>.</summary>
    public void CheckAge(AccountEvent e, long eventTimeMs, long streamTimeMs)
    {
        if (streamTimeMs != long.MinValue && eventTimeMs < Saturating(streamTimeMs, -_ageMs))
        {
            throw Rejected(RejectionReasons.TooOld, e.Stream, string.Create(CultureInfo.InvariantCulture,
                $"{e.Stream} event {e.EventId}: occurredAt {Iso(eventTimeMs)} is more than the maximum event age ({maxEventAge}) behind stream time ({Iso(streamTimeMs)}), so it is not decided on."));
        }
    }

    /// <summary>Counts a rejection and returns the exception to throw.</summary>
    public static InvalidEventException Rejected(string reason, string stream, string message)
    {
        RiskMetrics.RejectedEvents.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("stream", stream));
        return new InvalidEventException(reason, message);
    }

    private static long Saturating(long value, long delta) =>
        delta > 0 && value > long.MaxValue - delta ? long.MaxValue : delta < 0 && value < long.MinValue - delta ? long.MinValue : value + delta;

    private static string Iso(long ms) =>
        ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)
            : ms.ToString(CultureInfo.InvariantCulture) + " ms";
}
