
namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Runs one processor instance; the node itself is the processor's context.</summary>
internal sealed partial class ProcessorNode<TKeyIn, TValueIn, TKeyOut, TValueOut>(string name, IProcessor<TKeyIn, TValueIn, TKeyOut, TValueOut> processor, IReadOnlyCollection<string> storeNames)
    : RuntimeNode<TKeyOut, TValueOut>(name), IRecordReceiver<TKeyIn, TValueIn>, IProcessorContext<TKeyOut, TValueOut>
{
    private TaskContext _context = null!;

    public string ApplicationId => _context.ApplicationId;

    public TaskId TaskId => _context.TaskId;

    public RecordMetadata? RecordMetadata => _context.RecordMetadata;

    public long StreamTime => _context.StreamTime;

    public long WallClockTime => _context.WallClockTime;

    public override void Init(TaskContext context)
    {
        _context = context;
        processor.Init(this);
    }

    public override void Close() => processor.Close();

    public void Receive(Record<TKeyIn, TValueIn> record) => processor.Process(record);

    public TStore GetStateStore<TStore>(string name)
        where TStore : class
    {
        if (!storeNames.Contains(name))
        {
            throw new InvalidOperationException($"Processor '{Name}' has no access to store '{name}'; connect it when adding the processor.");
        }

        return _context.GetStore(name) as TStore
            ?? throw new InvalidOperationException($"Store '{name}' is not a {typeof(TStore).Name}.");
    }

    public IDisposable Schedule(TimeSpan interval, PunctuationType type, Action<long> punctuator) =>
        _context.Schedule(this, interval, type, punctuator);

    void IProcessorContext<TKeyOut, TValueOut>.Forward(Record<TKeyOut, TValueOut> record) => Forward(record);

    void IProcessorContext<TKeyOut, TValueOut>.Forward(Record<TKeyOut, TValueOut> record, string childName) => Forward(record, childName);
}
