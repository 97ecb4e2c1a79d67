namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>Fails the thread on any processing error, as Kafka Streams' default handler does.</summary>
internal sealed class FailOnProcessingError : IProcessingErrorPolicy
{
    public static readonly FailOnProcessingError Instance = new();

    public ProcessingErrorAction OnError(TaskId task, in ConsumedRecord record, Exception error, IRecordSink output) => ProcessingErrorAction.Fail;
}
