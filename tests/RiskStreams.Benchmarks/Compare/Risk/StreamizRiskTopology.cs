using Streamiz.Kafka.Net;
using Streamiz.Kafka.Net.Processors.Public;
using Streamiz.Kafka.Net.SerDes;
using Streamiz.Kafka.Net.State;
using Streamiz.Kafka.Net.Table;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology on Streamiz.Kafka.Net 1.8.2's processor API, built like <see cref="OurRiskTopology"/>: the sync-status
/// global table (in memory), an in-memory account-state store (changelogged, Streamiz's default) attached to a transformer
/// (<see cref="Decider"/>) calling <see cref="RiskDecisionCore"/> for each event; level changes to the output. Streamiz's
/// transformer returns at most one record per input, which is all the decider emits.
/// </summary>
internal static class StreamizRiskTopology
{
    public static Streamiz.Kafka.Net.Stream.Topology Build(RiskEventCodec codec)
    {
        var builder = new StreamBuilder();
        builder.GlobalTable(RiskCompareWorkload.SyncTopic, new StringSerDes(), new StreamizWindowTopology.BigEndianLongSerDes(),
            InMemory.As<string, long>(OurRiskTopology.SyncStore));
        builder.Stream(RiskCompareWorkload.EventsTopic, new StringSerDes(), new ByteArraySerDes())
            .Transform(TransformerBuilder.New<string, byte[], string, byte[]>()
                .Transformer<Decider>(codec)
                .StateStore(Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(OurRiskTopology.AccountStore), new StringSerDes(), new ByteArraySerDes()))
                .Build())
            .To(RiskCompareWorkload.OutputTopic, new StringSerDes(), new ByteArraySerDes());
        return builder.Build();
    }

    /// <summary>
    /// Created by Streamiz by reflection: <c>Transformer&lt;T&gt;(params object[])</c> makes one instance with the parameterless
    /// constructor when the topology is built, then one per task with the given parameters (the codec), which is the one that runs.
    /// </summary>
    internal sealed class Decider : ITransformer<string, byte[], string, byte[]>
    {
        private readonly RiskDecisionCore _core = new();
        private readonly RiskEventCodec? _codec;
        private RiskEventCodec Codec => _codec ?? throw new InvalidOperationException("Streamiz ran the decider made without its codec.");

        public Decider()
        {
        }

        public Decider(RiskEventCodec codec) => _codec = codec;

        private IKeyValueStore<string, byte[]> _accounts = null!;
        private DelegateSyncCoverage _coverage = null!;

        public void Init(ProcessorContext<string, byte[]> context)
        {
            _ = Codec;
            _accounts = (IKeyValueStore<string, byte[]>)context.GetStateStore(OurRiskTopology.AccountStore);
            var sync = (ITimestampedKeyValueStore<string, long>)context.GetStateStore(OurRiskTopology.SyncStore);
            _coverage = new DelegateSyncCoverage(() => sync.All().Select(static e => e.Value.Value));
        }

        public Record<string, byte[]>? Process(Record<string, byte[]> record) =>
            Codec.Decode(record.Value) is { } e
                && _core.Decide(e, k => _accounts.Get(k), (k, v) => _accounts.Put(k, v), _coverage) is { } output
                ? Record<string, byte[]>.Create(e.AccountId, output)
                : null;

        public void Close()
        {
        }
    }
}
