namespace RiskStreams.Risk;

// TEMPORARY SHIM (branch decisions-topology): the decisions-domain branch delivers the real type; drop this file at merge.

/// <summary>Bounds every account event's values must respect before the domain decides on them.</summary>
public sealed record EventLimits
{
    /// <summary>The default limits.</summary>
    public static EventLimits Default { get; } = new();

    /// <summary>Largest amount in minor units accepted on any amount field.</summary>
    public long MaxAmountMinor { get; init; } = 1_000_000_000_000;
}
