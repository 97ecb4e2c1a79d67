namespace RiskStreams.Topology.Internal;

/// <summary>Values of the <c>reason</c> tag of <see cref="RiskMetrics.RejectedEvents"/>.</summary>
internal static class RejectionReasons
{
    /// <summary>A field breaks its documented meaning (range, ceiling, sign, required).</summary>
    public const string InvalidValue = "invalid-value";

    /// <summary>The record key is not the event's accountId.</summary>
    public const string KeyMismatch = "key-mismatch";

    /// <summary>The event time is more than <see cref="RiskTopologyOptions.MaxClockSkew"/> ahead of the processing clock.</summary>
    public const string ClockSkew = "clock-skew";

    /// <summary>The event time is more than <see cref="RiskTopologyOptions.MaxEventAge"/> behind the task's stream time.</summary>
    public const string TooOld = "too-old";
}
