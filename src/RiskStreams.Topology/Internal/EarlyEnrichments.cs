using RiskStreams.Risk;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Enriched events that reached the decider with no bare copy waiting. In a replay (after a crash or an outage) the enriched
/// copy of an event that is out of order in its input partition comes back before the bare one; it is kept here so the bare
/// one, when it comes, is decided enriched in its own place. Kept in memory for the entity lateness of stream time, then
/// dropped: by then the bare copy was decided before (a duplicate enrichment, or one that came too late). After a restart
/// the list starts empty; a bare event whose enrichment was consumed before the restart waits until it is overdue.
/// </summary>
internal sealed class EarlyEnrichments(long retentionMs)
{
    private readonly Dictionary<string, AccountEvent> _byId = new(StringComparer.Ordinal);
    private readonly Queue<(string Id, long TimeMs)> _byArrival = new();

    public void Add(AccountEvent enriched, long eventTimeMs)
    {
        if (_byId.TryAdd(enriched.EventId, enriched))
        {
            _byArrival.Enqueue((enriched.EventId, eventTimeMs));
        }
    }

    /// <summary>The enriched copy of <paramref name="bare"/> if it came first (and removes it), else <paramref name="bare"/>.</summary>
    public AccountEvent Enriched(AccountEvent bare) => _byId.Count > 0 && _byId.Remove(bare.EventId, out var enriched) ? enriched : bare;

    /// <summary>Drops enriched events whose time is more than the retention behind <paramref name="streamTimeMs"/> (in arrival order).</summary>
    public void Prune(long streamTimeMs)
    {
        while (_byArrival.TryPeek(out var oldest) && streamTimeMs - oldest.TimeMs > retentionMs)
        {
            _byArrival.Dequeue();
            _byId.Remove(oldest.Id);
        }
    }
}
