using RiskStreams.Streams.Internal.State;
using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>
/// Builds a join buffer: an in-memory bytes store (ordered byte keys), change-logged unless disabled, wrapped in
/// the join-specific view the join processors use.
/// </summary>
internal sealed class JoinStoreBuilder(string name, bool loggingEnabled, Func<IKeyValueBytesStore, IStateStore> view) : IStoreBuilder
{
    public string Name { get; } = name;

    public bool LoggingEnabled { get; } = loggingEnabled;

    public IStateStore Build()
    {
        IKeyValueBytesStore inner = new InMemoryKeyValueBytesStore(Name);
        if (LoggingEnabled)
        {
            inner = new ChangeLoggingKeyValueBytesStore(inner);
        }

        return view(inner);
    }
}
