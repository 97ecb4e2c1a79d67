using System.CommandLine;
using Microsoft.Extensions.Logging;
using RiskStreams.Service;

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
var verbose = new Option<bool>("--verbose") { Description = "Log engine details.", Recursive = true };

var dev = new Command("dev", "Run the whole pipeline on the embedded dev stack (cluster, registry, generator).")
{
    events, duration, kafkaPort, registryPort, metricsPort, partitions, accounts, seed, rate, quiet,
};
dev.SetAction(async (parse, ct) =>
{
    using var loggers = Logging(parse.GetValue(verbose));
    var options = new DevOptions
    {
        Events = parse.GetValue(events), Duration = parse.GetValue(duration), KafkaPort = parse.GetValue(kafkaPort),
        RegistryPort = parse.GetValue(registryPort), MetricsPort = parse.GetValue(metricsPort), Partitions = parse.GetValue(partitions),
        Accounts = parse.GetValue(accounts), Seed = parse.GetValue(seed), Rate = parse.GetValue(rate), Quiet = parse.GetValue(quiet),
    };
    return await Guard(() => new DevRunner(options, Console.Out, loggers).RunAsync(ct));
});

var config = new Option<string?>("--config") { Description = "Extra JSON configuration file (overrides appsettings.json; environment overrides both)." };
var run = new Command("run", "Run the processor against a real Kafka cluster and Schema Registry from configuration.") { config };
run.SetAction(async (parse, ct) =>
{
    using var loggers = Logging(parse.GetValue(verbose));
    return await Guard(() => RunCommandHandler.RunAsync(RunCommandHandler.LoadSettings(parse.GetValue(config)), Console.Out, loggers, ct));
});

root.Add(dev);
root.Add(run);
root.Add(verbose);
return await root.Parse(args).InvokeAsync();

static ILoggerFactory Logging(bool verbose) => LoggerFactory.Create(b => b
    .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
    .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning));

static async Task<int> Guard(Func<Task<int>> action)
{
    try
    {
        return await action();
    }
    catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
    {
        await Console.Error.WriteLineAsync($"riskstreams: {ex.Message}");
        return 2;
    }
    catch (OperationCanceledException)
    {
        return 130;
    }
}
