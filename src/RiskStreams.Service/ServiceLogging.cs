using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Service;

/// <summary>
/// The service's console logging. <c>Logging:Format</c> (appsettings.json, the <c>--config</c> file, or the environment as
/// <c>Logging__Format</c>) chooses <c>simple</c> (one line per entry, the default) or <c>json</c> (one JSON object per line:
/// <c>Timestamp</c> in UTC, <c>EventId</c>, <c>LogLevel</c>, <c>Category</c>, <c>Message</c> and the message's fields in
/// <c>State</c>). Event ids are those of the <c>[LoggerMessage]</c> definitions and stay stable. Level: Warning, Debug with
/// <c>--verbose</c>. Nothing logged at Information or above carries account ids, device ids, IP addresses or coordinates:
/// record content (in error messages) is logged at Debug only, clipped.
/// </summary>
internal static partial class ServiceLogging
{
    public const string FormatKey = "Logging:Format";

    /// <summary>A logger factory as configured for <paramref name="configFile"/> (read leniently: a missing or bad file is reported by the command).</summary>
    public static ILoggerFactory Create(bool verbose, string? configFile = null)
    {
        var format = Format(configFile);
        var json = string.Equals(format, "json", StringComparison.OrdinalIgnoreCase);
        var factory = LoggerFactory.Create(b =>
        {
            if (json)
            {
                b.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                    o.JsonWriterOptions = new JsonWriterOptions { Indented = false };
                });
            }
            else
            {
                b.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
            }

            b.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace); // logs on stderr: stdout carries the changes and summaries
            b.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        });
        if (!json && format is { Length: > 0 } && !string.Equals(format, "simple", StringComparison.OrdinalIgnoreCase))
        {
            LogUnknownFormat(factory.CreateLogger(typeof(ServiceLogging).FullName!), format);
        }

        return factory;
    }

    private static string? Format(string? configFile)
    {
        var builder = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json", optional: true);
        if (configFile is not null && File.Exists(configFile))
        {
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: true);
        }

        try
        {
            return builder.AddEnvironmentVariables().Build()[FormatKey];
        }
        catch (InvalidDataException)
        {
            // Bad JSON in the --config file: the command reports it; logging goes by the environment meanwhile.
            return new ConfigurationBuilder().AddEnvironmentVariables().Build()[FormatKey];
        }
    }

    [LoggerMessage(401, LogLevel.Warning, "Logging:Format '{Format}' is neither 'simple' nor 'json'; logging in the simple format")]
    private static partial void LogUnknownFormat(ILogger logger, string format);
}
