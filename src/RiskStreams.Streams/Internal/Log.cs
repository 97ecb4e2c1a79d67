using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "{ApplicationId}: state {From} -> {To}")]
    public static partial void StateChanged(ILogger logger, string applicationId, StreamsState from, StreamsState to);

    /// <summary>
    /// A skipped record, without the error's message: messages quote record content (account ids, device ids...), so they go
    /// to the dead letter's <c>dlq.error.message</c> header and to <see cref="RecordSkippedReason"/> at Debug only.
    /// </summary>
    [LoggerMessage(2, LogLevel.Warning, "{ApplicationId}: {Stage} of {Topic}[{Partition}]@{Offset} failed ({Error}), record skipped{DeadLetter}")]
    public static partial void RecordSkipped(ILogger logger, string applicationId, string stage, string topic, int partition, long offset, string error, string deadLetter);

    /// <summary>Why a record was skipped (<see cref="LogText.Clip"/>: truncated, control characters escaped); may quote record content.</summary>
    [LoggerMessage(9, LogLevel.Debug, "{ApplicationId}: {Topic}[{Partition}]@{Offset} skipped: {Reason}")]
    public static partial void RecordSkippedReason(ILogger logger, string applicationId, string topic, int partition, long offset, string reason);

    [LoggerMessage(7, LogLevel.Error, "{ApplicationId}: {Stage} of {Topic}[{Partition}]@{Offset} failed; the handler stops the thread")]
    public static partial void RecordFailed(ILogger logger, Exception exception, string applicationId, string stage, string topic, int partition, long offset);

    [LoggerMessage(8, LogLevel.Warning, "{ApplicationId}: output record for {Topic} refused by the broker, skipped{DeadLetter}: {Reason}")]
    public static partial void OutputSkipped(ILogger logger, string applicationId, string topic, string deadLetter, string reason);

    [LoggerMessage(3, LogLevel.Error, "{ApplicationId}: stream thread failed")]
    public static partial void ThreadFailed(ILogger logger, Exception exception, string applicationId);

    [LoggerMessage(4, LogLevel.Information, "{ApplicationId}: partitions assigned: {Partitions}")]
    public static partial void Assigned(ILogger logger, string applicationId, string partitions);

    [LoggerMessage(5, LogLevel.Information, "{ApplicationId}: partitions revoked: {Partitions}")]
    public static partial void Revoked(ILogger logger, string applicationId, string partitions);

    [LoggerMessage(9, LogLevel.Warning, "{ApplicationId}: close did not finish within {TimeoutMs} ms (brokers unreachable?); abandoned, still closing: {Closing}; what was not committed is replayed from the last commit")]
    public static partial void CloseAbandoned(ILogger logger, string applicationId, long timeoutMs, string closing);

    [LoggerMessage(EventId = 6, Message = "librdkafka {Client} {Facility}: {Message}")]
    public static partial void Client(ILogger logger, LogLevel level, string client, string facility, string message);
}
