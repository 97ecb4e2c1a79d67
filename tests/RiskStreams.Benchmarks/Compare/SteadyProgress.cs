using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// Times an end-to-end run from the first output record a reader sees to the last one (the steady phase: the rate is input records
/// over it), start-up (start until the first output: group join, topic checks) and the whole run until the group has committed
/// every input offset, each apart. Both engines are observed the same way: a plain consumer reading the output topic as it is
/// written, polled with the group's committed offsets every <see cref="Poll"/>; once every input offset is committed, the reader
/// drains what is left (until a 100 ms poll finds nothing).
/// </summary>
internal static class SteadyProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Waits, started at <paramref name="clock"/>'s zero, until the group commits <paramref name="ends"/>, watching
    /// <paramref name="outputTopic"/> (<paramref name="outputPartitions"/> partitions) for the first output record.
    /// </summary>
    public static async Task<E2eTiming> WaitAsync(string bootstrapServers, string groupId, IReadOnlyDictionary<TopicPartition, long> ends,
        string outputTopic, int outputPartitions, Stopwatch clock, Func<Exception?> failure, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var progress = new ConsumerGroupProgress(bootstrapServers, groupId);
        using var output = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"cmp-first-output-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        }).Build();
        output.Assign(Enumerable.Range(0, outputPartitions).Select(p => new TopicPartitionOffset(outputTopic, p, Offset.Beginning)));
        var topics = ends.Keys.Select(tp => tp.Topic).Distinct().ToList();
        var total = ends.Values.Sum();
        TimeSpan? firstOutputAt = null;
        var lastOutputAt = TimeSpan.Zero;
        void Drain(TimeSpan wait)
        {
            while (output.Consume(wait) is not null)
            {
                lastOutputAt = clock.Elapsed;
                firstOutputAt ??= lastOutputAt;
            }
        }

        while (true)
        {
            if (failure() is { } error)
            {
                throw new InvalidOperationException($"The run failed: {error.Message}", error);
            }

            Drain(TimeSpan.Zero);
            var committed = progress.Committed(topics);
            var now = clock.Elapsed;
            if (committed >= total)
            {
                Drain(TimeSpan.FromMilliseconds(100));

                // No output seen, or all in one read: the whole run counts.
                return firstOutputAt is { } first && lastOutputAt > first
                    ? new E2eTiming(now, lastOutputAt - first, total) { StartUp = first }
                    : new E2eTiming(now, now, total);
            }

            if (now > deadline)
            {
                throw new TimeoutException($"Group '{groupId}' committed {committed} of {total} input records within {deadline}.");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}

/// <summary>An end-to-end run's times: in all (start until every input offset is committed), of the steady phase (first output record seen to the last) and the records it processed (all of them).</summary>
internal sealed record E2eTiming(TimeSpan Total, TimeSpan Steady, long SteadyRecords)
{
    /// <summary>Start until the first output record; null when no output was seen.</summary>
    public TimeSpan? StartUp { get; init; }
}
