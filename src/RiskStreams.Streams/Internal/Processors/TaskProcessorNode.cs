using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Processors;

/// <summary>
/// A built-in operator that runs directly as a runtime node with its task's <see cref="TaskContext"/>: stores,
/// stream time and dropped-record counting without going through the public processor context.
/// </summary>
internal abstract class TaskProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(string name)
    : RuntimeNode<TKeyOut, TValueOut>(name), IRecordReceiver<TKeyIn, TValueIn>
{
    protected TaskContext Context { get; private set; } = null!;

    public override void Init(TaskContext context)
    {
        Context = context;
        OnInit();
    }

    public abstract void Receive(Record<TKeyIn, TValueIn> record);

    /// <summary>Looks up the stores the operator needs (the task's own, or global stores).</summary>
    protected abstract void OnInit();

    protected TStore Store<TStore>(string name)
        where TStore : class =>
        Context.GetStore(name) as TStore ?? throw new InvalidOperationException($"Store '{name}' used by '{Name}' is not a {typeof(TStore).Name}.");
}
