using RiskStreams.Streams.State;

namespace RiskStreams.Streams.Internal.Graph;

/// <summary>
/// A global store and the nodes that fill it: a source over every partition of <paramref name="Topic"/> and the
/// processor that writes each record into the store. Not part of any sub-topology; no tasks, no changelog (the
/// topic is the store's changelog).
/// </summary>
internal sealed record GlobalStoreTopology(int Id, GraphNode Source, GraphNode Processor, string Topic, IStoreBuilder Store);
