using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using RiskStreams.Avro;
using RiskStreams.DevStack;
using Xunit.Abstractions;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// A real <c>riskstreams run</c> process at rest and across a clean restart: what it costs when there is nothing to do,
/// and how much it restores and waits when it comes back. The CPU and time figures are printed, never asserted.
/// </summary>
public sealed partial class IdleAndRestartTests(StackFixture stack, ITestOutputHelper log) : IClassFixture<StackFixture>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);
    private readonly string _stateRoot = Directory.CreateTempSubdirectory("riskstreams-ops-").FullName;

    public void Dispose() => Directory.Delete(_stateRoot, recursive: true);

    [Fact]
    public async Task An_idle_instance_blocks_in_the_consumer_and_still_processes_a_trickle_of_events()
    {
        var app = new RunInstance(stack, "idle", Path.Combine(_stateRoot, "idle")).CreateTopics();
        using var process = app.Start();
        var address = await RunProcess.MetricsUrlAsync(process, app.Id, Deadline);
        using var http = new HttpClient();
        await Wait.UntilAsync(() => RunInstance.StateAsync(http, address).Result == "Running", "the instance to run", Deadline);

        var idle = await MeasureCpuAsync(process.Id, TimeSpan.FromSeconds(20), _ => Task.CompletedTask);

        const int trickle = 20;
        using var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url });
        using var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry);
        using var events = new WorkloadGenerator(new WorkloadOptions { Accounts = 50, Seed = 5 }, app.Inputs).Generate()
            .Where(e => e.Topic != app.Inputs.SyncStatus).Take(trickle).GetEnumerator();
        var oneEventPerSecond = await MeasureCpuAsync(process.Id, TimeSpan.FromSeconds(trickle), async second =>
        {
            Assert.True(events.MoveNext());
            publisher.Publish(events.Current);
            await publisher.FlushAsync(CancellationToken.None);
        });

        using var progress = new ConsumerGroupProgress(stack.Cluster.BootstrapServers, app.Id);
        await Wait.UntilAsync(() => progress.Committed(app.GroupTopics) == trickle, $"all {trickle} events committed (stderr: {process.Stderr})", Deadline);

        // Idle again, now with tasks that have processed (their partitions caught up and idling).
        var idleAfter = await MeasureCpuAsync(process.Id, TimeSpan.FromSeconds(20), _ => Task.CompletedTask);
        log.WriteLine($"CPU of the run process: idle {idle:F1} % of a core, at 1 event/s {oneEventPerSecond:F1} %, idle after the events {idleAfter:F1} %");
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <remarks>
    /// The instance leaves the group on close, but librdkafka's mock cluster keeps an emptied group rebalancing for
    /// session.timeout.ms − 1 s (45 s by default) before it admits the next member, and it does not implement static
    /// membership either; so the printed time to get the partitions back is the mock's, not what a real broker takes.
    /// </remarks>
    [Fact]
    public async Task A_cleanly_stopped_instance_restarts_restoring_only_the_changelog_tail()
    {
        var app = new RunInstance(stack, "restart", Path.Combine(_stateRoot, "restart")).CreateTopics();
        using (var registry = new SchemaRegistryClient(new SchemaRegistryOptions { Url = stack.Registry.Url }))
        using (var publisher = new WorkloadPublisher(stack.Cluster.BootstrapServers, registry))
        {
            foreach (var e in new WorkloadGenerator(new WorkloadOptions { Accounts = 200, Seed = 3 }, app.Inputs).Generate().Take(4000))
            {
                publisher.Publish(e);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        using var progress = new ConsumerGroupProgress(stack.Cluster.BootstrapServers, app.Id);
        using (var first = app.Start(verbose: true))
        {
            await Wait.UntilAsync(() => progress.CaughtUp(app.GroupTopics), $"the first instance to commit its input (stderr: {first.Stderr})", Deadline);
            first.Terminate();
            Assert.Equal(0, await first.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(RunInstance.Partitions, first.Stderr.Lines().Count(l => l.Contains("(clean)", StringComparison.Ordinal)));
        }

        var started = Stopwatch.StartNew();
        using var second = app.Start(verbose: true);
        await Wait.UntilAsync(() => second.Stderr.Lines().Any(l => l.Contains("partitions assigned", StringComparison.Ordinal)), $"the restarted instance to get partitions (stderr: {second.Stderr})", Deadline);
        var assignedAfter = started.Elapsed;
        var logged = RunInstance.Stores.Length * RunInstance.Partitions; // every logged store in each of the four tasks
        await Wait.UntilAsync(() => Restored(second).Count == logged, $"{logged} store restorations (stderr: {second.Stderr})", Deadline);
        var restored = Restored(second);
        log.WriteLine($"restart: partitions back after {assignedAfter.TotalSeconds:F1} s, {restored.Sum()} changelog records restored in {restored.Count} store partitions");

        Assert.DoesNotContain(second.Stderr.Lines(), l => l.Contains("discarded its checkpoint", StringComparison.Ordinal));
        Assert.Equal(0, restored.Sum());
        second.Terminate();
        Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(60)));
    }

    /// <summary>Percent of one core the process used over <paramref name="duration"/>, calling <paramref name="everySecond"/> once a second.</summary>
    private static async Task<double> MeasureCpuAsync(int pid, TimeSpan duration, Func<int, Task> everySecond)
    {
        var before = RunInstance.CpuTime(pid);
        var clock = Stopwatch.StartNew();
        for (var second = 0; second < (int)duration.TotalSeconds; second++)
        {
            await everySecond(second);
            var next = TimeSpan.FromSeconds(second + 1) - clock.Elapsed;
            if (next > TimeSpan.Zero)
            {
                await Task.Delay(next);
            }
        }

        return 100 * (RunInstance.CpuTime(pid) - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }

    private static List<long> Restored(ServiceProcess process) =>
        [.. process.Stderr.Lines().Select(l => RestoredLine().Match(l)).Where(m => m.Success).Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"restored store \S+ from .+?: (\d+) records applied")]
    private static partial Regex RestoredLine();
}
