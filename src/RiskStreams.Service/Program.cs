using System.CommandLine;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Risk;
using RiskStreams.Service;
using RiskStreams.Service.Dev;

// SIGTERM (container stop) and SIGINT (Ctrl-C) both ask for a clean shutdown: finish, flush, commit, leave the group.
using var shutdown = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestShutdown);
using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestShutdown);

var root = new RootCommand("RiskStreams: credit-risk stream processor on Apache Kafka.");

var events = new Option<long?>("--events") { Description = "Stop after generating this many events (and processing them all)." };
var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long, e.g. 00:01:00." };
var kafkaPort = new Option<int>("--kafka-port") { Description = "Bootstrap port of the embedded cluster (0 = free port).", DefaultValueFactory = _ => 0 };
var registryPort = new Option<int>("--registry-port") { Description = "Port of the embedded Schema Registry (0 = free port).", DefaultValueFactory = _ => 0 };
var metricsPort = new Option<int>("--metrics-port") { Description = "Port of /metrics and /health.", DefaultValueFactory = _ => 9464 };
var partitions = new Option<int>("--partitions") { Description = "Partitions per topic.", DefaultValueFactory = _ => 4 };
var accounts = new Option<int>("--accounts") { Description = "Accounts the generator simulates.", DefaultValueFactory = _ => 1000 };
var seed = new Option<int>("--seed") { Description = "Generator seed (same seed, same events).", DefaultValueFactory = _ => 42 };
var rate = new Option<int>("--rate") { Description = "Generated events per second (0 = unthrottled).", DefaultValueFactory = _ => 2000 };
var quiet = new Option<bool>("--quiet") { Description = "Do not print each change." };
var devPolicy = new Option<string?>("--policy") { Description = "Policy YAML file (reloaded when it changes); the built-in default otherwise." };
var verbose = new Option<bool>("--verbose") { Description = "Log engine details.", Recursive = true };

var dev = new Command("dev", "Run the whole pipeline on the embedded dev stack (cluster, registry, generator).")
{
    events, duration, kafkaPort, registryPort, metricsPort, partitions, accounts, seed, rate, quiet, devPolicy,
};
dev.SetAction(async (parse, ct) =>
{
    using var loggers = Logging(parse.GetValue(verbose));
    var options = new DevOptions
    {
        Events = parse.GetValue(events), Duration = parse.GetValue(duration), KafkaPort = parse.GetValue(kafkaPort),
        RegistryPort = parse.GetValue(registryPort), MetricsPort = parse.GetValue(metricsPort), Partitions = parse.GetValue(partitions),
        Accounts = parse.GetValue(accounts), Seed = parse.GetValue(seed), Rate = parse.GetValue(rate), Quiet = parse.GetValue(quiet), PolicyFile = parse.GetValue(devPolicy),
    };
    return await Guard(ct, token => DevVerbs.RunDevAsync(options, Console.Out, loggers, token));
});

var config = new Option<string?>("--config") { Description = "Extra JSON configuration file (overrides appsettings.json; environment overrides both)." };
var run = new Command("run", "Run the processor against a real Kafka cluster and Schema Registry from configuration.") { config };
run.SetAction(async (parse, ct) =>
{
    using var loggers = Logging(parse.GetValue(verbose), parse.GetValue(config));
    return await Guard(ct, token => RunCommandHandler.RunAsync(RunCommandHandler.LoadSettings(parse.GetValue(config)), Console.Out, loggers, token));
});

root.Add(dev);
root.Add(run);
root.Add(DescribeCommand.Create());
root.Add(PolicyCommand.Create());
root.Add(BacktestCommand.Create());
root.Add(RiskStreams.Service.Commands.ResetCommand.Create());
root.Add(RiskStreams.Service.Commands.Topics.TopicsCommand.Create());
root.Add(DevVerbs.Generate());
root.Add(TailCommand.Create());
root.Add(verbose);
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A bad option or value: one line naming it (exit 2), not the usage text.
    await Console.Error.WriteLineAsync(ParseErrors.Describe(parsed));
    return 2;
}

return await parsed.InvokeAsync();

// Logging:Format = simple (default) or json; see ServiceLogging.
static ILoggerFactory Logging(bool verbose, string? configFile = null) => ServiceLogging.Create(verbose, configFile);

void RequestShutdown(PosixSignalContext context)
{
    context.Cancel = true;
    shutdown.Cancel();
}

async Task<int> Guard(CancellationToken invocation, Func<CancellationToken, Task<int>> action)
{
    using var linked = CancellationTokenSource.CreateLinkedTokenSource(invocation, shutdown.Token);
    try
    {
        return await action(linked.Token);
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        // Bad options or configuration: the message names the field.
        await Console.Error.WriteLineAsync($"riskstreams: {ex.Message}");
        return 2;
    }
    catch (PolicyValidationException ex)
    {
        foreach (var error in ex.Errors)
        {
            await Console.Error.WriteLineAsync(error.Format(ex.SourceName));
        }

        await Console.Error.WriteLineAsync($"riskstreams: policy {ex.SourceName} is invalid");
        return 2;
    }
    catch (Exception ex) when (ex is HttpRequestException or SchemaRegistryException)
    {
        await Console.Error.WriteLineAsync($"riskstreams: cannot use the Schema Registry: {ex.Message}");
        return 1;
    }
    catch (OperationCanceledException) when (linked.IsCancellationRequested)
    {
        return 130;
    }
    catch (Exception ex) when (StartupErrors.Describe(ex) is { } message)
    {
        // A missing file or a busy port: one line naming it, like a bad setting.
        await Console.Error.WriteLineAsync($"riskstreams: {message}");
        return 2;
    }
}
