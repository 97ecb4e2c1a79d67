using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Joins;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

public sealed partial class KStream<TKey, TValue>
{
    /// <summary>
    /// Windowed inner join with <paramref name="other"/>: every pair of records with the same key whose timestamps lie
    /// within <paramref name="windows"/> produces one result, at the later of the two timestamps. Either side is
    /// repartitioned first if an earlier step changed its key; the two inputs must be co-partitioned.
    /// </summary>
    public KStream<TKey, TResult> Join<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamStreamJoin(other, (_, v, o) => joiner(v, o), windows, streamJoined, leftOuter: false, rightOuter: false);
    }

    /// <summary>Windowed inner join with <paramref name="other"/>, the joiner seeing the key too.</summary>
    public KStream<TKey, TResult> Join<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TKey, TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null) =>
        StreamStreamJoin(other, joiner, windows, streamJoined, leftOuter: false, rightOuter: false);

    /// <summary>
    /// Windowed left join: like <see cref="Join{TOtherValue, TResult}(KStream{TKey, TOtherValue}, Func{TValue, TOtherValue, TResult}, JoinWindows, StreamJoined{TKey, TValue, TOtherValue})"/>,
    /// and a record of this stream that found no partner is emitted with a missing partner (default) at its own
    /// timestamp once its window plus grace has closed.
    /// </summary>
    public KStream<TKey, TResult> LeftJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamStreamJoin(other, (_, v, o) => joiner(v, o), windows, streamJoined, leftOuter: true, rightOuter: false);
    }

    /// <summary>Windowed left join with <paramref name="other"/>, the joiner seeing the key too.</summary>
    public KStream<TKey, TResult> LeftJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TKey, TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null) =>
        StreamStreamJoin(other, joiner, windows, streamJoined, leftOuter: true, rightOuter: false);

    /// <summary>
    /// Windowed outer join: like a left join, and records of <paramref name="other"/> without a partner are emitted too
    /// (with this side missing) once their window plus grace has closed.
    /// </summary>
    public KStream<TKey, TResult> OuterJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null)
    {
        ArgumentNullException.ThrowIfNull(joiner);
        return StreamStreamJoin(other, (_, v, o) => joiner(v, o), windows, streamJoined, leftOuter: true, rightOuter: true);
    }

    /// <summary>Windowed outer join with <paramref name="other"/>, the joiner seeing the key too.</summary>
    public KStream<TKey, TResult> OuterJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TKey, TValue, TOtherValue, TResult> joiner, JoinWindows windows, StreamJoined<TKey, TValue, TOtherValue>? streamJoined = null) =>
        StreamStreamJoin(other, joiner, windows, streamJoined, leftOuter: true, rightOuter: true);

    private KStream<TKey, TResult> StreamStreamJoin<TOtherValue, TResult>(
        KStream<TKey, TOtherValue> other, Func<TKey, TValue, TOtherValue, TResult> joiner, JoinWindows windows,
        StreamJoined<TKey, TValue, TOtherValue>? options, bool leftOuter, bool rightOuter)
    {
        ArgumentNullException.ThrowIfNull(other);
        ArgumentNullException.ThrowIfNull(joiner);
        ArgumentNullException.ThrowIfNull(windows);
        if (!ReferenceEquals(other.Builder, Builder))
        {
            throw new InvalidOperationException($"Stream of node '{other.Node.Name}' belongs to another StreamsBuilder.");
        }

        var b = Builder.Internal;
        var baseName = options?.Name;
        var keySerde = options?.KeySerde ?? KeySerde ?? other.KeySerde;
        var left = RepartitionRequired ? RepartitionThrough(baseName is null ? Node.Name : $"{baseName}-left", keySerde, options?.ValueSerde ?? ValueSerde) : this;
        var right = other.RepartitionRequired
            ? other.RepartitionThrough(baseName is null ? other.Node.Name : $"{baseName}-right", keySerde, options?.OtherValueSerde ?? other.ValueSerde)
            : other;

        // Names follow Kafka Streams: KSTREAM-JOINTHIS/-OUTERTHIS, KSTREAM-JOINOTHER/-OUTEROTHER, KSTREAM-MERGE.
        var thisGenerated = b.NewName(rightOuter ? "KSTREAM-OUTERTHIS" : "KSTREAM-JOINTHIS");
        var otherGenerated = b.NewName(leftOuter ? "KSTREAM-OUTEROTHER" : "KSTREAM-JOINOTHER");
        var thisName = baseName is null ? thisGenerated : $"{baseName}-join-this";
        var otherName = baseName is null ? otherGenerated : $"{baseName}-join-other";
        var mergeName = baseName is null ? b.NewName("KSTREAM-MERGE") : $"{baseName}-merge";
        var storeBase = options?.StoreName ?? baseName;
        var thisStore = storeBase is null ? $"{thisGenerated}-store" : $"{storeBase}{(rightOuter ? "-outer-this-join" : "-this-join")}-store";
        var otherStore = storeBase is null ? $"{otherGenerated}-store" : $"{storeBase}{(leftOuter ? "-outer-other-join" : "-other-join")}-store";
        string? outerStore = !leftOuter ? null
            : storeBase is null ? $"KSTREAM-OUTERSHARED-{thisGenerated[(thisGenerated.LastIndexOf('-') + 1)..]}-store" : $"{storeBase}-outer-shared-join-store";

        var keys = keySerde ?? left.KeySerde ?? right.KeySerde ?? throw StoreFactory.MissingSerde(thisStore, "key");
        var thisValues = options?.ValueSerde ?? left.ValueSerde ?? throw StoreFactory.MissingSerde(thisStore, "value");
        var otherValues = options?.OtherValueSerde ?? right.ValueSerde ?? throw StoreFactory.MissingSerde(otherStore, "value");
        var thisSide = new StreamJoinSide(thisStore, otherStore, outerStore, IsLeftSide: true, Outer: leftOuter, windows);
        var otherSide = new StreamJoinSide(otherStore, thisStore, outerStore, IsLeftSide: false, Outer: rightOuter, windows);
        var thisNode = b.AddNode(
            new RuntimeFactoryGraphNode(thisName, n => new StreamStreamJoinNode<TKey, TValue, TOtherValue, TResult>(n, thisSide, keys, thisValues, otherValues, joiner)),
            left.Node);
        var otherNode = b.AddNode(
            new RuntimeFactoryGraphNode(otherName, n => new StreamStreamJoinNode<TKey, TOtherValue, TValue, TResult>(n, otherSide, keys, otherValues, thisValues, (k, o, v) => joiner(k, v, o))),
            right.Node);
        var merge = b.AddNode(
            new ProcessorGraphNode<TKey, TResult, TKey, TResult>(mergeName, () => new LambdaProcessor<TKey, TResult, TKey, TResult>((r, c) => c.Forward(r))),
            thisNode, otherNode);

        var logging = options?.LoggingEnabled ?? true;
        var retentionMs = windows.BeforeMs + windows.AfterMs + windows.GraceMs;
        b.AddStore(new JoinStoreBuilder(thisStore, logging, inner => new JoinWindowStore(inner, retentionMs)), thisNode.Name, otherNode.Name);
        b.AddStore(new JoinStoreBuilder(otherStore, logging, inner => new JoinWindowStore(inner, retentionMs)), thisNode.Name, otherNode.Name);
        if (outerStore is not null)
        {
            b.AddStore(new JoinStoreBuilder(outerStore, logging, inner => new JoinOuterStore(inner)), thisNode.Name, otherNode.Name);
        }

        b.Copartition(left.Node, right.Node);
        return new KStream<TKey, TResult>(Builder, merge, keys, null, repartitionRequired: false);
    }
}
