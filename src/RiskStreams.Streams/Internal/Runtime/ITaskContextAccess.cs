namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>
/// Lets built-in processors reach their task's <see cref="Runtime.TaskContext"/> through the public
/// <see cref="IProcessorContext"/> they are given (to count dropped records); custom processors never see it.
/// </summary>
internal interface ITaskContextAccess
{
    TaskContext TaskContext { get; }
}
