using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Discovery;

internal static partial class DiscoveryLog
{
    [LoggerMessage(381, LogLevel.Error, "{ApplicationId}: the instance directory stopped; queries for keys hosted elsewhere answer unknown")]
    public static partial void Failed(ILogger logger, Exception exception, string applicationId);

    [LoggerMessage(382, LogLevel.Warning, "{ApplicationId}: publishing this instance's tasks failed, retrying: {Reason}")]
    public static partial void PublishFailed(ILogger logger, string applicationId, string reason);

    [LoggerMessage(383, LogLevel.Warning, "{ApplicationId}: reading the instance directory failed, retrying: {Reason}")]
    public static partial void ReadFailed(ILogger logger, string applicationId, string reason);
}
