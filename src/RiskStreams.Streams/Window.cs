namespace RiskStreams.Streams;

/// <summary>
/// A window of event time in epoch milliseconds. Time windows are half-open <c>[StartMs, EndMs)</c>;
/// sliding and session windows include both ends <c>[StartMs, EndMs]</c>.
/// </summary>
/// <param name="StartMs">Start of the window, epoch milliseconds (never negative).</param>
/// <param name="EndMs">End of the window, epoch milliseconds (never before the start).</param>
public readonly record struct Window(long StartMs, long EndMs)
{
    /// <summary>Start of the window, epoch milliseconds.</summary>
    public long StartMs { get; init; } = StartMs >= 0
        ? StartMs
        : throw new ArgumentOutOfRangeException(nameof(StartMs), StartMs, "A window cannot start before the epoch.");

    /// <summary>End of the window, epoch milliseconds.</summary>
    public long EndMs { get; init; } = EndMs >= StartMs
        ? EndMs
        : throw new ArgumentOutOfRangeException(nameof(EndMs), EndMs, "A window cannot end before it starts.");

    /// <summary>Kafka-style text: <c>[start/end]</c>.</summary>
    public override string ToString() => $"[{StartMs}/{EndMs}]";
}
