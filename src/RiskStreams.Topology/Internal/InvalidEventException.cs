namespace RiskStreams.Topology.Internal;

/// <summary>
/// A well-formed record whose content breaks the contract (missing id, a value out of range, an implausible event time...);
/// the runtime sends it to the dead-letter topic with this message, and <see cref="RiskMetrics.RejectedEvents"/> counts it
/// under <see cref="Reason"/>.
/// </summary>
internal sealed class InvalidEventException : Exception
{
    public InvalidEventException(string message)
        : this(RejectionReasons.InvalidValue, message)
    {
    }

    public InvalidEventException(string reason, string message)
        : base(message)
    {
        Reason = reason;
    }

    /// <summary>One of <see cref="RejectionReasons"/>.</summary>
    public string Reason { get; }
}
