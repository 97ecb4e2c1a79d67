namespace RiskStreams.Streams;

/// <summary>
/// Processes input records one at a time, in partition order. Throwing sends the record to the
/// dead-letter topic (when configured) and processing goes on with the next record.
/// </summary>
public interface IRecordHandler
{
    /// <summary>Processes <paramref name="record"/>, sending any output to <paramref name="sink"/>.</summary>
    void Process(in ConsumedRecord record, IRecordSink sink);
}
