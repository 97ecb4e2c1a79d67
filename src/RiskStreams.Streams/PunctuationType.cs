namespace RiskStreams.Streams;

/// <summary>The clock a punctuator follows.</summary>
public enum PunctuationType
{
    /// <summary>Stream time: advances only as records arrive, deterministic.</summary>
    StreamTime,

    /// <summary>Wall-clock time: advances with the system clock (or the test driver's).</summary>
    WallClockTime,
}
