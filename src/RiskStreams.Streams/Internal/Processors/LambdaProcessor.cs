namespace RiskStreams.Streams.Internal.Processors;

/// <summary>A stateless processor from one function (filter, map, peek and the like).</summary>
internal sealed class LambdaProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>(Action<Record<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>> process)
    : IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut>
{
    private IProcessorContext<TKeyOut, TValueOut> _context = null!;

    public void Init(IProcessorContext<TKeyOut, TValueOut> context) => _context = context;

    public void Process(Record<TKeyIn, TValueIn> record) => process(record, _context);
}
