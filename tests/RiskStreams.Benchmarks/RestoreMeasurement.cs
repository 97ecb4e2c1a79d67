using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;
using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>The two halves of <c>restore</c>: a fresh instance restoring from the changelogs, and a raw read of the same topics.</summary>
internal static class RestoreMeasurement
{
    /// <summary>
    /// A fresh instance (empty state directory) restoring the stores: <c>Records</c> = what the changelogs retain (all
    /// read), <c>Restoring</c> = first restore start to last restore end (the engine's restore events),
    /// <c>UntilRunning</c> = Start to RUNNING (group join, task assignment and restoration).
    /// </summary>
    public static async Task<(long Records, long Applied, TimeSpan Restoring, TimeSpan UntilRunning)> RestoreAsync(EmbeddedKafkaCluster cluster, KafkaTopics topics,
        IReadOnlyList<string> changelogTopics, string stateDirectory, TimeSpan deadline, CancellationToken cancellationToken)
    {
        var records = topics.Retained(changelogTopics);

        // The mock keeps the group rebalancing for session.timeout.ms - 1 s after the windowed run left; that wait is not restoring.
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var restoreClock = new RestoreClock();
        await using var app = new KafkaStreams(WindowTopology.Build(WindowStoreVariants.InMemory),
            E2eWindowSuite.Options(cluster, stateDirectory) with { RestoreListener = restoreClock });
        var clock = Stopwatch.StartNew();
        app.Start();
        while (app.State != StreamsState.Running)
        {
            if (app.State == StreamsState.Error)
            {
                throw new InvalidOperationException($"The restoring instance failed: {app.Error?.Message}", app.Error);
            }

            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"The restoring instance was not RUNNING within {deadline}.");
            }

            await Task.Delay(5, cancellationToken);
        }

        var elapsed = clock.Elapsed;
        await app.CloseAsync();
        return (records, restoreClock.Restored, restoreClock.Elapsed, elapsed);
    }

    /// <summary>Reads every partition of <paramref name="changelogTopics"/> from its start to its current end.</summary>
    public static (long Records, TimeSpan Elapsed) RawConsume(string bootstrapServers, KafkaTopics topics, IReadOnlyList<string> changelogTopics, TimeSpan deadline)
    {
        var ends = changelogTopics.SelectMany(t => topics.EndOffsets(t)).Where(e => e.Value > 0).ToDictionary(e => e.Key, e => e.Value);
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"bench-raw-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
        };
        config.Set("fetch.queue.backoff.ms", "0");
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).Build();
        var clock = Stopwatch.StartNew();
        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        long records = 0;
        var remaining = new HashSet<TopicPartition>(ends.Keys);
        while (remaining.Count > 0)
        {
            if (clock.Elapsed > deadline)
            {
                throw new TimeoutException($"Raw read of the changelogs did not finish within {deadline}.");
            }

            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { Message: not null } result)
            {
                records++;
                if (result.Offset.Value + 1 >= ends[result.TopicPartition])
                {
                    remaining.Remove(result.TopicPartition);
                }
            }
        }

        return (records, clock.Elapsed);
    }
}
