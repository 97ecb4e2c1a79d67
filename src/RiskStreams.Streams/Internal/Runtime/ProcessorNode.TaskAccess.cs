namespace RiskStreams.Streams.Internal.Runtime;

internal sealed partial class ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut> : ITaskContextAccess
{
    public TaskContext TaskContext => _context;
}
