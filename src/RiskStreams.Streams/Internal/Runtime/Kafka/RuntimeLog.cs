using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

internal static partial class RuntimeLog
{
    [LoggerMessage(101, LogLevel.Information, "{ApplicationId}: created internal topics {Topics}")]
    public static partial void InternalTopicsCreated(ILogger logger, string applicationId, string topics);

    [LoggerMessage(102, LogLevel.Information, "{Thread}: created task {TaskId} over {Partitions}")]
    public static partial void TaskCreated(ILogger logger, string thread, TaskId taskId, string partitions);

    [LoggerMessage(103, LogLevel.Information, "{Thread}: closed task {TaskId} ({How})")]
    public static partial void TaskClosed(ILogger logger, string thread, TaskId taskId, string how);

    [LoggerMessage(104, LogLevel.Warning, "{Thread}: offset commit failed, will retry at the next commit: {Reason}")]
    public static partial void CommitFailed(ILogger logger, string thread, string reason);

    [LoggerMessage(105, LogLevel.Warning, "{Thread}: client error {Code}: {Reason}")]
    public static partial void ClientError(ILogger logger, string thread, string code, string reason);

    [LoggerMessage(106, LogLevel.Debug, "{Thread}: state {From} -> {To}")]
    public static partial void ThreadStateChanged(ILogger logger, string thread, StreamsState from, StreamsState to);

    [LoggerMessage(107, LogLevel.Warning, "{Thread}: error while closing after a failure")]
    public static partial void CloseFailed(ILogger logger, Exception exception, string thread);

    [LoggerMessage(108, LogLevel.Information, "{Thread}: following partitions {Assigned}, no longer {Unassigned}")]
    public static partial void FollowersChanged(ILogger logger, string thread, string assigned, string unassigned);
}
