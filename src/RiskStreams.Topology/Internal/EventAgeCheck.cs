using RiskStreams.Risk;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Refuses (throws, so the runtime dead-letters the record) an account event further behind the task's stream time than the
/// maximum event age, before the event is forwarded anywhere: neither the decider nor the entity branches see it. It runs in
/// the decider's task, so the stream time it judges by is the decider's.
/// </summary>
internal sealed class EventAgeCheck(RiskTopologyOptions options) : IProcessor<string, AccountEvent, string, AccountEvent>
{
    private readonly EventTimeGuard _guard = new(options.Clock, options.MaxClockSkew, options.MaxEventAge);
    private IProcessorContext<string, AccountEvent> _context = null!;

    public void Init(IProcessorContext<string, AccountEvent> context) => _context = context;

    public void Process(Record<string, AccountEvent> record)
    {
        _guard.CheckAge(record.Value, record.Timestamp, _context.StreamTime);
        _context.Forward(record);
    }
}
