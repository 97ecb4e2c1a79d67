using System.CommandLine;
using Confluent.Kafka;
using Microsoft.Extensions.Configuration;

namespace RiskStreams.Service.Commands.Topics;

/// <summary>
/// <c>riskstreams topics create|check</c>: creates (idempotently) or verifies every topic the product uses, from the
/// same configuration <c>run</c> reads. <c>check</c> prints one line per mismatch and exits 1 if there is any.
/// </summary>
internal static class TopicsCommand
{
    private static readonly TimeSpan AdminTimeout = TimeSpan.FromSeconds(10);

    public static Command Create()
    {
        var command = new Command("topics", "Create or check every topic of the product: inputs, output, dead letters, reviews, changelogs, repartition topics.");
        command.Add(Verb("create", "Create the missing topics (idempotent), then check them all.", create: true));
        command.Add(Verb("check", "Check every topic's partitions, replication factor and configs; one line per mismatch, exit 1 if any.", create: false));
        return command;
    }

    private static Command Verb(string name, string description, bool create)
    {
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file, as for run." };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "Kafka bootstrap servers (default: RiskStreams:Kafka:BootstrapServers)." };
        var partitions = new Option<int?>("--partitions") { Description = "Partitions of inputs, output and dead letters (default: RiskStreams:Topics:Partitions, 4)." };
        var replication = new Option<short?>("--replication-factor") { Description = "Replication factor (default: RiskStreams:Topics:ReplicationFactor, 3; -1 = broker default)." };
        var command = new Command(name, description) { config, bootstrap, partitions, replication };
        command.SetAction(async (parse, ct) =>
        {
            IReadOnlyList<TopicRequirement> required;
            ServiceSettings settings;
            try
            {
                var configuration = RunCommandHandler.LoadConfiguration(parse.GetValue(config));
                settings = RunCommandHandler.LoadSettings(configuration);
                var layout = new TopicProvisioningSettings();
                configuration.GetSection("RiskStreams:Topics").Bind(layout);
                layout.Partitions = parse.GetValue(partitions) ?? layout.Partitions;
                layout.ReplicationFactor = parse.GetValue(replication) ?? layout.ReplicationFactor;
                layout.Validate();
                settings.Kafka.BootstrapServers = parse.GetValue(bootstrap) ?? settings.Kafka.BootstrapServers;
                required = TopicCatalog.For(settings, layout);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"riskstreams: {ex.Message}");
                return 2;
            }

            try
            {
                using var admin = new TopicAdmin(settings.Kafka.BootstrapServers, settings.Kafka.Properties, AdminTimeout);
                return await RunAsync(admin, required, create, Console.Out, Console.Error, ct);
            }
            catch (KafkaException ex)
            {
                await Console.Error.WriteLineAsync($"riskstreams topics {name}: Kafka at {settings.Kafka.BootstrapServers}: {ex.Message}");
                return 1;
            }
            catch (InvalidOperationException ex)
            {
                await Console.Error.WriteLineAsync($"riskstreams topics {name}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(TopicAdmin admin, IReadOnlyList<TopicRequirement> required, bool create, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var verb = create ? "create" : "check";
        var names = required.Select(t => t.Name).ToList();
        if (create)
        {
            var existing = admin.Describe(names);
            var missing = required.Where(t => !existing.ContainsKey(t.Name)).ToList();
            foreach (var topic in required.Where(t => existing.ContainsKey(t.Name)))
            {
                await output.WriteLineAsync($"riskstreams topics create: exists {topic.Name} ({topic.Role})");
            }

            if (missing.Count > 0)
            {
                var applied = await admin.CreateAsync(missing, cancellationToken);
                await admin.WaitUntilVisibleAsync([.. missing.Select(t => t.Name)], cancellationToken);
                foreach (var topic in missing)
                {
                    await output.WriteLineAsync($"riskstreams topics create: created {topic.Name} ({topic.Role}, {topic.Partitions} partitions" +
                        $"{(applied ? $", {string.Join(", ", topic.Configs.Select(c => $"{c.Key}={c.Value}"))}" : "")})");
                }

                if (!applied)
                {
                    await errors.WriteLineAsync("riskstreams topics create: the cluster answers no CreateTopics: topics were auto-created by metadata requests with the broker's default partitions, replication and configs (no compaction)");
                }
            }
        }

        var observed = admin.Describe(names);
        var configs = await admin.DescribeConfigsAsync([.. observed.Keys]);
        if (configs is null)
        {
            await errors.WriteLineAsync($"riskstreams topics {verb}: configs not verified: the cluster answers no DescribeConfigs (partitions and replication factor were checked)");
        }
        else
        {
            observed = observed.ToDictionary(o => o.Key, o => o.Value with { Configs = configs.GetValueOrDefault(o.Key) ?? new Dictionary<string, string>() }, StringComparer.Ordinal);
        }

        var mismatches = TopicComparison.Mismatches(required, observed);
        foreach (var line in mismatches)
        {
            await output.WriteLineAsync($"riskstreams topics {verb}: mismatch {line}");
        }

        await output.WriteLineAsync($"riskstreams topics {verb}: {required.Count} topics, {mismatches.Count} mismatches");
        return mismatches.Count == 0 ? 0 : 1;
    }
}
