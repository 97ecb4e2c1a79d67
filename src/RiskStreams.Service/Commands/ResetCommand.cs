using System.CommandLine;
using System.Globalization;
using Confluent.Kafka;
using RiskStreams.Streams.Reset;
using RiskStreams.Topology;

namespace RiskStreams.Service.Commands;

/// <summary>
/// <c>riskstreams reset</c>: resets the risk application (or another one) so its next start reprocesses the input
/// from the beginning; see <see cref="ApplicationReset"/>. Connection settings come from the same configuration
/// <c>run</c> reads (appsettings.json, <c>--config</c>, <c>RISKSTREAMS__*</c>); options override them.
/// </summary>
internal static class ResetCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file, as for run." };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (default: RiskStreams:Kafka:BootstrapServers)." };
        var applicationId = new Option<string?>("--application-id") { Description = "Application to reset (default: RiskStreams:Kafka:ApplicationId)." };
        var inputTopics = new Option<string[]>("--input-topics") { Description = "Input topics to rewind (default: the risk topology's inputs, named by RiskStreams:Topics:*).", AllowMultipleArgumentsPerToken = true };
        var internalTopics = new Option<string[]?>("--internal-topics") { Description = "Internal topics to delete (default: {appId}-*-repartition and {appId}-*-changelog found in the cluster).", AllowMultipleArgumentsPerToken = true };
        var toDateTime = new Option<string?>("--to-datetime") { Description = "Rewind to the first record at or after this ISO-8601 time instead of the earliest offset." };
        var stateDir = new Option<string?>("--state-dir") { Description = "Root of local state; {state-dir}/{appId} is deleted (default: RiskStreams:Kafka:StateDirectory)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the plan without changing anything." };
        var command = new Command("reset", "Reset an application: rewind its input offsets, delete its internal topics and local state.")
        {
            config, bootstrap, applicationId, inputTopics, internalTopics, toDateTime, stateDir, dryRun,
        };
        command.SetAction(async (parse, ct) =>
        {
            ApplicationResetOptions options;
            try
            {
                var settings = RunCommandHandler.LoadSettings(parse.GetValue(config));
                options = new ApplicationResetOptions
                {
                    BootstrapServers = parse.GetValue(bootstrap) ?? settings.Kafka.BootstrapServers,
                    ApplicationId = parse.GetValue(applicationId) ?? settings.Kafka.ApplicationId,
                    InputTopics = parse.GetValue(inputTopics) is { Length: > 0 } topics ? topics : settings.Topics.Apply(new RiskTopologyOptions()).InputTopics,
                    InternalTopics = parse.GetValue(internalTopics) is { Length: > 0 } names ? names : null,
                    ToDateTime = ParseTime(parse.GetValue(toDateTime)),
                    DryRun = parse.GetValue(dryRun),
                    ClientProperties = settings.Kafka.Properties,
                };
                options = options with { StateDirectory = parse.GetValue(stateDir) ?? settings.Kafka.StateDirectory };

                options.Validate();
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"riskstreams: {ex.Message}");
                return 2;
            }

            try
            {
                var result = await ApplicationReset.RunAsync(options, ct);
                ResetReport.Write(result, Console.Out);
                return 0;
            }
            catch (Exception ex) when (ex is ApplicationResetException or KafkaException)
            {
                await Console.Error.WriteLineAsync($"riskstreams reset: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static DateTimeOffset? ParseTime(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new ArgumentException($"--to-datetime is not an ISO-8601 time: '{value}' (e.g. 2026-03-01T00:00:00Z).");
}
