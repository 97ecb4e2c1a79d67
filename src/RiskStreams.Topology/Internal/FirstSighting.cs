using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Lets an event into its entity's windows once: a copy with the same event id and time seen before is dropped. At-least-once
/// processing can write an event to an entity's repartition topic twice (the upstream task replays what it had not committed
/// when it crashed), and the windows count events, so without this a replay would count them twice. Remembered in a
/// changelogged window store keyed by event id, for the entity's window plus the lateness (a copy later than that is counted in
/// no window anyway). The join after it still sees every copy, so every bare event at the decider gets its enrichment.
/// </summary>
internal sealed class FirstSighting(string storeName) : IProcessor<string, AccountEvent, string, AccountEvent>
{
    private IProcessorContext<string, AccountEvent> _context = null!;
    private IWindowStore<string, long> _seen = null!;

    public void Init(IProcessorContext<string, AccountEvent> context)
    {
        _context = context;
        _seen = context.GetStateStore<IWindowStore<string, long>>(storeName);
    }

    public void Process(Record<string, AccountEvent> record)
    {
        if (_seen.TryFetch(record.Value.EventId, record.Timestamp, out _))
        {
            return;
        }

        _seen.Put(record.Value.EventId, record.Timestamp, record.Timestamp);
        _context.Forward(record);
    }
}
