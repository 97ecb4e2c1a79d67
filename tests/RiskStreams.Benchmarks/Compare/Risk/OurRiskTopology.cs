using RiskStreams.Streams;
using RiskStreams.Streams.State;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology on RiskStreams' processor API: the sync-status global table, an in-memory account-state store
/// (changelogged), and a processor (<see cref="Decider"/>) calling <see cref="RiskDecisionCore"/> for each event; level changes to
/// the output. Built exactly like <see cref="StreamizRiskTopology"/>.
/// </summary>
internal static class OurRiskTopology
{
    public const string AccountStore = "cmp-account-state";
    public const string SyncStore = "cmp-sync-status";

    public static Streams.Topology Build(RiskEventCodec codec)
    {
        var builder = new StreamsBuilder();
        builder.GlobalTable(RiskCompareWorkload.SyncTopic, Consumed.With(Serdes.String, Serdes.Long), Materialized.As<string, long>(SyncStore));
        builder.AddStateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(AccountStore), Serdes.String, Serdes.ByteArray));
        builder.Stream(RiskCompareWorkload.EventsTopic, Consumed.With(Serdes.String, Serdes.ByteArray))
            .Process(() => new Decider(codec), "cmp-risk-decider", AccountStore, SyncStore)
            .To(RiskCompareWorkload.OutputTopic, Produced.With(Serdes.String, Serdes.ByteArray));
        return builder.Build();
    }

    private sealed class Decider(RiskEventCodec codec) : IProcessor<string, byte[], string, byte[]>
    {
        private readonly RiskDecisionCore _core = new();
        private IProcessorContext<string, byte[]> _context = null!;
        private IKeyValueStore<string, byte[]> _accounts = null!;
        private DelegateSyncCoverage _coverage = null!;

        public void Init(IProcessorContext<string, byte[]> context)
        {
            _context = context;
            _accounts = context.GetStateStore<IKeyValueStore<string, byte[]>>(AccountStore);
            var sync = context.GetStateStore<IReadOnlyKeyValueStore<string, long>>(SyncStore);
            _coverage = new DelegateSyncCoverage(() => sync.All().Select(static e => e.Value));
        }

        public void Process(Record<string, byte[]> record)
        {
            if (codec.Decode(record.Value) is { } e
                && _core.Decide(e, k => _accounts.TryGet(k, out var held) ? held : null, (k, v) => _accounts.Put(k, v), _coverage) is { } output)
            {
                _context.Forward(new Record<string, byte[]>(e.AccountId, output, record.Timestamp));
            }
        }
    }
}
