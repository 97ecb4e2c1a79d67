namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>A runtime node that accepts typed records from its parent.</summary>
internal interface IRecordReceiver<TKey, TValue>
{
    string Name { get; }

    void Receive(Record<TKey, TValue> record);
}
