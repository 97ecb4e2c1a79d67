using Microsoft.Extensions.Logging;

namespace RiskStreams.Service.Api;

internal static partial class ApiLog
{
    [LoggerMessage(901, LogLevel.Information, "{Method} {Route} -> {Status} in {ElapsedMs:0.0} ms{Via}")]
    public static partial void Access(ILogger logger, string method, string route, int status, double elapsedMs, string via);

    [LoggerMessage(902, LogLevel.Warning, "Account API and review console disabled: no RiskStreams:Api:Token configured (/metrics and /health are served)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(903, LogLevel.Warning, "Forwarding {Route} to the owning instance {Owner} failed: {Reason}")]
    public static partial void ForwardFailed(ILogger logger, string route, string owner, string reason);
}
