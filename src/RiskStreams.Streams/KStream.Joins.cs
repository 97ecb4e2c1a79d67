using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Joins;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams;

public sealed partial class KStream<TKey, TValue>
{
    /// <summary>
    /// Joins each record with the table row of its key; records without a row are dropped. A versioned table is read
    /// as of the record's timestamp. Repartitions first if an earlier step changed the key; the stream and table topics
    /// must be co-partitioned.
    /// </summary>
    public KStream<TKey, TResult> Join<TTableValue, TResult>(KTable<TKey, TTableValue> table, Func<TValue, TTableValue, TResult> joiner, Joined<TKey, TValue, TTableValue>? joined = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamTableJoin(table, (_, v, t) => joiner(v, t), joined, leftJoin: false);
    }

    /// <summary>Joins each record with the table row of its key, the joiner seeing the key too (see <see cref="Join{TTableValue, TResult}(KTable{TKey, TTableValue}, Func{TValue, TTableValue, TResult}, Joined{TKey, TValue, TTableValue})"/>).</summary>
    public KStream<TKey, TResult> Join<TTableValue, TResult>(KTable<TKey, TTableValue> table, Func<TKey, TValue, TTableValue, TResult> joiner, Joined<TKey, TValue, TTableValue>? joined = null) =>
        StreamTableJoin(table, joiner, joined, leftJoin: false);

    /// <summary>
    /// Joins each record with the table row of its key, or with a missing row (default: null for reference types)
    /// when there is none, so every record with a value produces a result.
    /// </summary>
    public KStream<TKey, TResult> LeftJoin<TTableValue, TResult>(KTable<TKey, TTableValue> table, Func<TValue, TTableValue, TResult> joiner, Joined<TKey, TValue, TTableValue>? joined = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamTableJoin(table, (_, v, t) => joiner(v, t), joined, leftJoin: true);
    }

    /// <summary>Left-joins each record with the table row of its key, the joiner seeing the key too.</summary>
    public KStream<TKey, TResult> LeftJoin<TTableValue, TResult>(KTable<TKey, TTableValue> table, Func<TKey, TValue, TTableValue, TResult> joiner, Joined<TKey, TValue, TTableValue>? joined = null) =>
        StreamTableJoin(table, joiner, joined, leftJoin: true);

    /// <summary>
    /// Joins each record with the global table row of the key <paramref name="keySelector"/> computes; records without
    /// a row (or with a null computed key) are dropped. No repartitioning or co-partitioning is needed.
    /// </summary>
    public KStream<TKey, TResult> Join<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table, Func<TKey, TValue, TTableKey> keySelector, Func<TValue, TTableValue, TResult> joiner, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return GlobalTableJoin(table, keySelector, (_, v, t) => joiner(v, t), name, leftJoin: false);
    }

    /// <summary>Joins each record with the global table row of the computed key, the joiner seeing the stream key too.</summary>
    public KStream<TKey, TResult> Join<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table, Func<TKey, TValue, TTableKey> keySelector, Func<TKey, TValue, TTableValue, TResult> joiner, string? name = null) =>
        GlobalTableJoin(table, keySelector, joiner, name, leftJoin: false);

    /// <summary>Joins each record with the global table row of the computed key, or with a missing row (default) when there is none.</summary>
    public KStream<TKey, TResult> LeftJoin<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table, Func<TKey, TValue, TTableKey> keySelector, Func<TValue, TTableValue, TResult> joiner, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return GlobalTableJoin(table, keySelector, (_, v, t) => joiner(v, t), name, leftJoin: true);
    }

    /// <summary>Left-joins each record with the global table row of the computed key, the joiner seeing the stream key too.</summary>
    public KStream<TKey, TResult> LeftJoin<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table, Func<TKey, TValue, TTableKey> keySelector, Func<TKey, TValue, TTableValue, TResult> joiner, string? name = null) =>
        GlobalTableJoin(table, keySelector, joiner, name, leftJoin: true);

    private KStream<TKey, TResult> StreamTableJoin<TTableValue, TResult>(
        KTable<TKey, TTableValue> table, Func<TKey, TValue, TTableValue, TResult> joiner, Joined<TKey, TValue, TTableValue>? joined, bool leftJoin)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(joiner);
        var b = Builder.Internal;
        if (!ReferenceEquals(table.Builder, Builder))
        {
            throw new InvalidOperationException($"Table of node '{table.Node.Name}' belongs to another StreamsBuilder.");
        }

        var storeName = table.QueryableStoreName ?? throw new InvalidOperationException(
            $"Stream-table join needs a materialized table, and the table of node '{table.Node.Name}' has no store; join a table read with StreamsBuilder.Table or an aggregation.");
        var versioned = b.StoreBuilder(storeName) as VersionedKeyValueStoreBuilder<TKey, TTableValue>;
        var keySerde = joined?.KeySerde ?? KeySerde;
        var valueSerde = joined?.ValueSerde ?? ValueSerde;
        var stream = RepartitionRequired ? RepartitionThrough(joined?.Name ?? Node.Name, keySerde, valueSerde) : this;
        var name = joined?.Name ?? b.NewName(leftJoin ? "KSTREAM-LEFTJOIN" : "KSTREAM-JOIN");
        var grace = GraceSettings(joined, versioned, storeName, name, keySerde ?? stream.KeySerde, valueSerde ?? stream.ValueSerde);
        var node = b.AddNode(
            new RuntimeFactoryGraphNode(name, n => new StreamTableJoinNode<TKey, TValue, TKey, TTableValue, TResult>(
                n,
                versioned is null ? new KeyValueTableLookup<TKey, TTableValue>(storeName) : new VersionedTableLookup<TKey, TTableValue>(storeName),
                (k, _) => k,
                joiner,
                leftJoin,
                grace)),
            stream.Node);
        b.ConnectStore(storeName, node.Name);
        if (grace is not null)
        {
            b.AddStore(new JoinStoreBuilder(grace.BufferStoreName, loggingEnabled: true, inner => new JoinGraceBuffer(inner)), node.Name);
        }

        b.Copartition(stream.Node, table.Node);
        return new KStream<TKey, TResult>(Builder, node, stream.KeySerde ?? keySerde, null, repartitionRequired: false);
    }

    private static StreamTableJoinGrace<TKey, TValue>? GraceSettings<TTableValue>(
        Joined<TKey, TValue, TTableValue>? joined, VersionedKeyValueStoreBuilder<TKey, TTableValue>? versioned, string storeName, string name, Serde<TKey>? keySerde, Serde<TValue>? valueSerde)
    {
        if (joined?.GracePeriod is not { } grace || grace <= TimeSpan.Zero)
        {
            return null;
        }

        if (versioned is null)
        {
            throw new InvalidOperationException($"Join '{name}' has a grace period, which needs a versioned table; store '{storeName}' is not versioned (use Materialized.As(Stores.InMemoryVersionedKeyValueStore(...))).");
        }

        if (versioned.HistoryRetention < grace)
        {
            throw new InvalidOperationException($"Join '{name}' has a grace period of {grace}, longer than the history retention {versioned.HistoryRetention} of versioned store '{storeName}'.");
        }

        var bufferName = $"{name}-Buffer";
        return new StreamTableJoinGrace<TKey, TValue>(
            (long)grace.TotalMilliseconds,
            bufferName,
            keySerde ?? throw StoreFactory.MissingSerde(bufferName, "key"),
            valueSerde ?? throw StoreFactory.MissingSerde(bufferName, "value"),
            joined.IdleRelease is { } idle ? Math.Max(1, (long)idle.TotalMilliseconds) : null);
    }

    private KStream<TKey, TResult> GlobalTableJoin<TTableKey, TTableValue, TResult>(
        GlobalKTable<TTableKey, TTableValue> table, Func<TKey, TValue, TTableKey> keySelector, Func<TKey, TValue, TTableValue, TResult> joiner, string? name, bool leftJoin)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keySelector);
        ArgumentNullException.ThrowIfNull(joiner);
        var b = Builder.Internal;
        if (!ReferenceEquals(table.Builder, Builder) || !b.IsGlobalStore(table.QueryableStoreName))
        {
            throw new InvalidOperationException($"Global table '{table.QueryableStoreName}' belongs to another StreamsBuilder.");
        }

        var storeName = table.QueryableStoreName;
        var node = b.AddNode(
            new RuntimeFactoryGraphNode(name ?? b.NewName(leftJoin ? "KSTREAM-LEFTJOIN" : "KSTREAM-JOIN"), n => new StreamTableJoinNode<TKey, TValue, TTableKey, TTableValue, TResult>(
                n, new KeyValueTableLookup<TTableKey, TTableValue>(storeName), keySelector, joiner, leftJoin, grace: null)),
            Node);
        return new KStream<TKey, TResult>(Builder, node, KeySerde, null, RepartitionRequired);
    }
}
