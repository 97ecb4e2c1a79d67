using System.CommandLine;
using System.Diagnostics;
using RiskStreams.Avro;
using RiskStreams.DevStack;

namespace RiskStreams.Service.Dev;

/// <summary>
/// <c>riskstreams generate</c>: the synthetic workload of <c>dev</c> published to any Kafka and Schema Registry (the
/// compose file's generator service), at a steady rate, until a bound or Ctrl-C/SIGTERM.
/// </summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var bootstrap = new Option<string>("--bootstrap") { Description = "Kafka bootstrap servers.", Required = true };
        var registryUrl = new Option<string>("--registry") { Description = "Schema Registry URL.", Required = true };
        var rate = new Option<int>("--rate") { Description = "Events per second (0 = as fast as possible).", DefaultValueFactory = _ => 200 };
        var accounts = new Option<int>("--accounts") { Description = "Accounts simulated.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Generator seed (same seed, same events).", DefaultValueFactory = _ => 42 };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long, e.g. 00:10:00 (default: until stopped)." };
        var events = new Option<long?>("--events") { Description = "Stop after this many events." };
        var command = new Command("generate", "Publish the synthetic workload (transactions, logins, repayments, heartbeats) to a Kafka cluster and Schema Registry.")
        {
            bootstrap, registryUrl, rate, accounts, seed, duration, events,
        };
        command.SetAction(async (parse, ct) =>
        {
            var workload = new WorkloadOptions { Accounts = parse.GetValue(accounts), Seed = parse.GetValue(seed) };
            var url = parse.GetValue(registryUrl)!;
            try
            {
                workload.Validate();
                if (parse.GetValue(rate) < 0)
                {
                    throw new ArgumentException($"--rate must be zero or positive, was {parse.GetValue(rate)}.");
                }

                if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
                {
                    throw new ArgumentException($"--registry is not an http(s) URL: '{url}'.");
                }
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"riskstreams: {ex.Message.Replace(nameof(WorkloadOptions.Accounts), "--accounts", StringComparison.Ordinal)}");
                return 2;
            }

            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is { } limit)
            {
                bound.CancelAfter(limit);
            }

            using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = url });
            var clock = Stopwatch.StartNew();
            Console.Out.WriteLine($"riskstreams generate: {workload.Accounts} accounts at {parse.GetValue(rate)} events/s to {parse.GetValue(bootstrap)} (registry {url})");
            try
            {
                var published = await WorkloadPump.PublishAsync(parse.GetValue(bootstrap)!, registry, workload, parse.GetValue(events), parse.GetValue(rate),
                    count => Console.Out.WriteLine($"riskstreams generate: {count} events published"), null, bound.Token);
                Console.Out.WriteLine($"riskstreams generate: {published} events published in {clock.Elapsed.TotalSeconds:0.0} s");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or SchemaRegistryException)
            {
                await Console.Error.WriteLineAsync($"riskstreams generate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
