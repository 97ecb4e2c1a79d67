namespace RiskStreams.Streams;

/// <summary>What an internal topic of a topology holds.</summary>
public enum InternalTopicKind
{
    /// <summary>Records re-keyed by the topology and read back (deleted by retention).</summary>
    Repartition,

    /// <summary>The changes of a logged state store (compacted: the latest value per key is the store).</summary>
    Changelog,
}
