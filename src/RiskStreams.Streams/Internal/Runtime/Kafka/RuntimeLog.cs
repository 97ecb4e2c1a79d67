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

    [LoggerMessage(109, LogLevel.Information, "{Thread}: task {TaskId} restoring store {Store} from {Partition}, offsets {Start} to {End}")]
    public static partial void RestoreStarted(ILogger logger, string thread, TaskId taskId, string store, string partition, long start, long end);

    [LoggerMessage(110, LogLevel.Information, "{Thread}: task {TaskId} restored store {Store} from {Partition}: {Restored} records applied, {Skipped} skipped (made by processing to be replayed), {ElapsedMs} ms")]
    public static partial void RestoreCompleted(ILogger logger, string thread, TaskId taskId, string store, string partition, long restored, long skipped, long elapsedMs);

    [LoggerMessage(111, LogLevel.Information, "{Thread}: task {TaskId} restored in {ElapsedMs} ms; processing starts")]
    public static partial void TaskRestored(ILogger logger, string thread, TaskId taskId, long elapsedMs);

    [LoggerMessage(112, LogLevel.Warning, "{Thread}: task {TaskId} waits for the lock of its state directory {Path} (another instance or thread still holds it)")]
    public static partial void TaskDirectoryLocked(ILogger logger, string thread, TaskId taskId, string path);

    [LoggerMessage(113, LogLevel.Warning, "{Thread}: task {TaskId} discarded its checkpoint ({Reason}); its persistent stores restore from scratch")]
    public static partial void CheckpointDiscarded(ILogger logger, string thread, TaskId taskId, string reason);

    [LoggerMessage(114, LogLevel.Warning, "{Thread}: task {TaskId} could not write its checkpoint; it restores from scratch next time")]
    public static partial void CheckpointFailed(ILogger logger, Exception exception, string thread, TaskId taskId);

    [LoggerMessage(115, LogLevel.Warning, "{Thread}: could not abort the open transaction; the broker aborts it when it times out or a new producer takes over its transactional id")]
    public static partial void AbortFailed(ILogger logger, string thread);

    [LoggerMessage(116, LogLevel.Warning, "{Thread}: partitions lost while a transaction was open; it is aborted and the thread stops (its other tasks' uncommitted state went with it)")]
    public static partial void LostInTransaction(ILogger logger, string thread);

    [LoggerMessage(121, LogLevel.Warning, "{Thread}: task {TaskId} writes no checkpoint: its last commit was not confirmed, so its state may be ahead of the group; it restores from scratch next time")]
    public static partial void CheckpointSkipped(ILogger logger, string thread, TaskId taskId);

    [LoggerMessage(122, LogLevel.Warning, "{Thread}: task {TaskId} paused its input at {Topic}[{Partition}]@{Offset}: a dependency is unavailable ({Reason}); the record is retried with backoff, nothing is skipped")]
    public static partial void DependencyUnavailable(ILogger logger, string thread, TaskId taskId, string topic, int partition, long offset, string reason);

    [LoggerMessage(123, LogLevel.Information, "{Thread}: task {TaskId} still waits for a dependency after {Attempts} attempts; next in {DelayMs} ms ({Reason})")]
    public static partial void DependencyStillUnavailable(ILogger logger, string thread, TaskId taskId, int attempts, long delayMs, string reason);

    [LoggerMessage(124, LogLevel.Warning, "{Thread}: task {TaskId} resumed: its dependency is available again after {Attempts} failed attempts, {PausedMs} ms paused")]
    public static partial void DependencyAvailable(ILogger logger, string thread, TaskId taskId, int attempts, long pausedMs);

    [LoggerMessage(127, LogLevel.Warning, "{Thread}: closing: {Unacknowledged} output records still unacknowledged when the close budget ran out (brokers unreachable); abandoned them and the final commit of tasks {Tasks}, which their next owner replays from the last commit")]
    public static partial void OutputAbandoned(ILogger logger, string thread, int unacknowledged, string tasks);

    [LoggerMessage(125, LogLevel.Warning, "{Thread}: all brokers are down; the thread stands still (no wall-clock punctuation) until one is back")]
    public static partial void BrokersDown(ILogger logger, string thread);

    [LoggerMessage(126, LogLevel.Warning, "{Thread}: a broker is reachable again; the thread goes on where it stopped")]
    public static partial void BrokersUp(ILogger logger, string thread);
}
