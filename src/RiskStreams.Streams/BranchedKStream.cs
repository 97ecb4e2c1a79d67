using RiskStreams.Streams.Internal.Graph;
using RiskStreams.Streams.Internal.Processors;

namespace RiskStreams.Streams;

/// <summary>Branches of a split stream; a record goes to the first branch whose predicate it matches.</summary>
/// <typeparam name="TKey">Key type.</typeparam>
/// <typeparam name="TValue">Value type.</typeparam>
public sealed class BranchedKStream<TKey, TValue>
{
    private readonly KStream<TKey, TValue> _stream;
    private readonly string _prefix;
    private readonly List<(string Name, Func<TKey, TValue, bool> Predicate)> _branches = [];
    private readonly Dictionary<string, KStream<TKey, TValue>> _result = new(StringComparer.Ordinal);
    private readonly GraphNode _branchNode;
    private bool _closed;

    internal BranchedKStream(KStream<TKey, TValue> stream, string prefix)
    {
        _stream = stream;
        _prefix = prefix;
        var branches = _branches;
        _branchNode = stream.Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, TValue>(prefix, () => new LambdaProcessor<TKey, TValue, TKey, TValue>((r, c) =>
            {
                foreach (var (name, predicate) in branches)
                {
                    if (predicate(r.Key, r.Value))
                    {
                        c.Forward(r, name);
                        return;
                    }
                }
            })),
            stream.Node);
    }

    /// <summary>Adds a branch named <c>{prefix}{name}</c> for records matching <paramref name="predicate"/>.</summary>
    public BranchedKStream<TKey, TValue> Branch(Func<TKey, TValue, bool> predicate, string name)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_closed)
        {
            throw new InvalidOperationException("No branch can follow the default branch.");
        }

        var fullName = _prefix + name;
        var node = _stream.Builder.Internal.AddNode(
            new ProcessorGraphNode<TKey, TValue, TKey, TValue>(fullName, () => new LambdaProcessor<TKey, TValue, TKey, TValue>((r, c) => c.Forward(r))),
            _branchNode);
        _branches.Add((fullName, predicate));
        _result[fullName] = new KStream<TKey, TValue>(_stream.Builder, node, _stream.KeySerde, _stream.ValueSerde, _stream.RepartitionRequired);
        return this;
    }

    /// <summary>Adds the branch for records no predicate matched, and returns every branch by name.</summary>
    public IReadOnlyDictionary<string, KStream<TKey, TValue>> DefaultBranch(string name = "0")
    {
        Branch((_, _) => true, name);
        _closed = true;
        return _result;
    }

    /// <summary>Returns the branches by name; records matching no predicate are dropped.</summary>
    public IReadOnlyDictionary<string, KStream<TKey, TValue>> NoDefaultBranch()
    {
        _closed = true;
        return _result;
    }
}
