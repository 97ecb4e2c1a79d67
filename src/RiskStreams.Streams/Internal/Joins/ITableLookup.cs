using RiskStreams.Streams.Internal.Runtime;

namespace RiskStreams.Streams.Internal.Joins;

/// <summary>How a stream-table join reads the table side: latest value, or the version valid at the stream record's time.</summary>
internal interface ITableLookup<TKey, TValue>
{
    void Init(TaskContext context);

    bool TryGet(TKey key, long asOfTimestamp, out TValue value);
}
