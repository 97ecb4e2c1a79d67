namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Decides the fate of a record whose processing threw (not delivery failures, which always fail the thread). The seam
/// for dead-letter and skip handlers; the default fails.
/// </summary>
internal interface IProcessingErrorPolicy
{
    ProcessingErrorAction OnError(TaskId task, in ConsumedRecord record, Exception error, IRecordSink output);
}
