using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal;

/// <summary>Logs of thread deaths, replacements, refused oversize writes and topic fallbacks.</summary>
internal static partial class LifecycleLog
{
    [LoggerMessage(301, LogLevel.Error, "{ApplicationId}: {Thread} died; the instance stops in error")]
    public static partial void ThreadDied(ILogger logger, Exception exception, string applicationId, string thread);

    [LoggerMessage(302, LogLevel.Warning, "{ApplicationId}: {Thread} lost its tasks ({Reason}); they were closed dirty and a new thread rejoins the group")]
    public static partial void ThreadReplaced(ILogger logger, string applicationId, string thread, string reason);

    [LoggerMessage(303, LogLevel.Warning, "{ApplicationId}: a dead letter from the global thread to {Topic} was refused: {Reason}")]
    public static partial void GlobalDeadLetterFailed(ILogger logger, string applicationId, string topic, string reason);

    [LoggerMessage(304, LogLevel.Warning, "{ApplicationId}: the cluster did not create internal topics through the admin API ({Reason}); relying on broker auto-creation of {Topics} and checking their partition counts")]
    public static partial void AutoCreateFallback(ILogger logger, string applicationId, string reason, string topics);

    [LoggerMessage(305, LogLevel.Warning, "{ApplicationId}: no broker reachable for {Seconds:0} s; the instance reports not ready")]
    public static partial void BrokersUnreachable(ILogger logger, string applicationId, double seconds);
}
