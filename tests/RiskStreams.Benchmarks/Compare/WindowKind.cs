namespace RiskStreams.Benchmarks.Compare;

/// <summary>The window of a generic window scenario: count and sum of the amounts per key and window, every update forwarded.</summary>
internal enum WindowKind
{
    /// <summary>Tumbling windows of 10 minutes.</summary>
    Tumbling,

    /// <summary>Hopping windows of 10 minutes advancing by 1 minute (every record in 10 windows).</summary>
    Hopping,

    /// <summary>Sliding windows of 10 minutes time difference (Kafka Streams' SlidingWindows).</summary>
    Sliding,

    /// <summary>Session windows with a 5-minute inactivity gap.</summary>
    Session,
}
