using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Service.Dev;

/// <summary>
/// The verbs that need the embedded dev stack (<c>RiskStreams.DevStack</c>: cluster, registry, generator), in a build that
/// includes it (the default; the production publish sets <c>IncludeDevStack=false</c> and compiles <c>DevVerbs.Absent.cs</c> instead).
/// </summary>
internal static class DevVerbs
{
    /// <summary>Whether this build holds the dev stack.</summary>
    public static bool Available => true;

    /// <summary>Runs <c>riskstreams dev</c>.</summary>
    public static Task<int> RunDevAsync(DevOptions options, TextWriter output, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        new DevRunner(options, output, loggers).RunAsync(cancellationToken);

    /// <summary>The <c>riskstreams generate</c> verb.</summary>
    public static Command Generate() => GenerateCommand.Create();
}
