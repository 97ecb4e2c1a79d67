using RiskStreams.Risk;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// An event held by the <see cref="ReorderBuffer"/> under its key: the event itself, or — for a login or transaction whose
/// entity enrichment has not come back yet — the bare event holding its place until <see cref="Complete"/> swaps in the enriched one.
/// </summary>
internal sealed class HeldEvent(ReorderKey key, AccountEvent e, bool awaitsEntities)
{
    public ReorderKey Key { get; } = key;

    public AccountEvent Event { get; private set; } = e;

    /// <summary>Whether the enriched event is still to come (the event may not be decided before, unless it is overdue).</summary>
    public bool AwaitsEntities { get; private set; } = awaitsEntities;

    /// <summary>Wall-clock time the event started waiting in this process (its arrival, or the buffer's load after a restore).</summary>
    public long HeldSinceWallClockMs { get; init; }

    public void Complete(AccountEvent enriched)
    {
        Event = enriched;
        AwaitsEntities = false;
    }
}
