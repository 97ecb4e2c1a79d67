using System.CommandLine;
using Confluent.Kafka;
using RiskStreams.Avro;

namespace RiskStreams.Service;

/// <summary>
/// <c>riskstreams tail</c>: prints <c>risk.level.changes</c> from the beginning, one readable line per change, decoded
/// with the Schema Registry (what Debian's kcat cannot do: it is built without Avro support).
/// </summary>
internal static class TailCommand
{
    public static Command Create()
    {
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file, as for run." };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (default: RiskStreams:Kafka:BootstrapServers)." };
        var registryUrl = new Option<string?>("--registry") { Description = "Schema Registry URL (default: RiskStreams:SchemaRegistry:Url)." };
        var topic = new Option<string?>("--topic") { Description = "Topic of RiskLevelChanged records (default: RiskStreams:Topics:LevelChanges, risk.level.changes)." };
        var untilEnd = new Option<bool>("--until-end") { Description = "Exit once every partition is read to its current end (default: follow until Ctrl-C)." };
        var command = new Command("tail", "Print the risk-level changes of a cluster, decoded with the Schema Registry.") { config, bootstrap, registryUrl, topic, untilEnd };
        command.SetAction(async (parse, ct) =>
        {
            ServiceSettings settings;
            try
            {
                settings = RunCommandHandler.LoadSettings(parse.GetValue(config));
                settings.Kafka.BootstrapServers = parse.GetValue(bootstrap) ?? settings.Kafka.BootstrapServers;
                settings.SchemaRegistry.Url = parse.GetValue(registryUrl) ?? settings.SchemaRegistry.Url;
                settings.Topics.LevelChanges = parse.GetValue(topic) ?? settings.Topics.LevelChanges;
                settings.Validate();
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"riskstreams: {ex.Message}");
                return 2;
            }

            var name = settings.Topics.Apply(new Topology.RiskTopologyOptions()).LevelChangesTopic;
            using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = settings.SchemaRegistry.Url, BasicAuthUserInfo = settings.SchemaRegistry.BasicAuthUserInfo });
            try
            {
                using var printer = new ChangePrinter(settings.Kafka.BootstrapServers, name, registry, Console.Out);
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var printing = Task.Factory.StartNew(() => printer.Run(stop.Token), TaskCreationOptions.LongRunning);
                try
                {
                    while (!ct.IsCancellationRequested && !(parse.GetValue(untilEnd) && printer.CaughtUp()))
                    {
                        await Task.Delay(200, ct);
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // Ctrl-C / SIGTERM: stop following.
                }

                await stop.CancelAsync();
                await printing;
                Console.Out.WriteLine($"riskstreams tail: {printer.Printed} changes " +
                    $"({string.Join(", ", printer.PerLevel.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))})");
                return 0;
            }
            catch (KafkaException ex)
            {
                await Console.Error.WriteLineAsync($"riskstreams tail: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
