using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal;

/// <summary>Routes librdkafka's own log lines through <see cref="ILogger"/> instead of raw stderr.</summary>
internal static class ClientLog
{
    public static void Write(ILogger logger, LogMessage message)
    {
        var level = message.Level switch
        {
            SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical or SyslogLevel.Error => LogLevel.Error,
            SyslogLevel.Warning => LogLevel.Warning,
            SyslogLevel.Notice or SyslogLevel.Info => LogLevel.Information,
            _ => LogLevel.Debug,
        };
        Log.Client(logger, level, message.Name, message.Facility, message.Message);
    }
}
