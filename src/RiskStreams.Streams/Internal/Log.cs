using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{ApplicationId}: state {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string applicationId, StreamsState from, StreamsState to);

    [LoggerMessage(2, LogLevel.Warning, "{ApplicationId}: record {Topic}[{Partition}]@{Offset} failed and went to {DeadLetterTopic}: {Reason}")]
    public static partial void DeadLettered(ILogger logger, string applicationId, string topic, int partition, long offset, string deadLetterTopic, string reason);

    [LoggerMessage(3, LogLevel.Error, "{ApplicationId}: stream thread failed")]
    public static partial void ThreadFailed(ILogger logger, Exception exception, string applicationId);

    [LoggerMessage(4, LogLevel.Information, "{ApplicationId}: partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string applicationId, string partitions);

    [LoggerMessage(5, LogLevel.Information, "{ApplicationId}: partitions revoked: {Partitions}")]
    public static partial void Revoked(ILogger logger, string applicationId, string partitions);

    [LoggerMessage(EventId = 6, Message = "librdkafka {Client} {Facility}: {Message}")]
    public static partial void Client(ILogger logger, LogLevel level, string client, string facility, string message);
}
