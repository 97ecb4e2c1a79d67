using System.CommandLine;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Service.Dev;

/// <summary>
/// The dev-stack verbs in a build without the dev stack (<c>-p:IncludeDevStack=false</c>, the production image): each says
/// so and exits with 2, instead of failing to load an assembly.
/// </summary>
internal static class DevVerbs
{
    /// <summary>Message of a dev-stack verb in this build.</summary>
    public const string AbsentMessage =
        "this build leaves out the embedded dev stack (production image); use the 'tools' image (deploy/docker/Dockerfile, target tools) "
        + "or a build without -p:IncludeDevStack=false";

    /// <summary>Whether this build holds the dev stack.</summary>
    public static bool Available => false;

    /// <summary>Says that <c>riskstreams dev</c> is not in this build.</summary>
    public static async Task<int> RunDevAsync(DevOptions options, TextWriter output, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync($"riskstreams dev: {AbsentMessage}");
        return 2;
    }

    /// <summary>A <c>riskstreams generate</c> verb that says the generator is not in this build (whatever its options).</summary>
    public static Command Generate()
    {
        var command = new Command("generate", "Publish the synthetic workload (not in this build: it needs the dev stack).") { TreatUnmatchedTokensAsErrors = false };
        command.SetAction(async (_, _) =>
        {
            await Console.Error.WriteLineAsync($"riskstreams generate: {AbsentMessage}");
            return 2;
        });
        return command;
    }
}
