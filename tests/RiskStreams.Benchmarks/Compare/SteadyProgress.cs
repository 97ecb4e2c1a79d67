using System.Diagnostics;
using Confluent.Kafka;
using RiskStreams.DevStack;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// Times an end-to-end run from its group's first committed input offset until every input offset is committed, so start-up
/// (group join, and on the mock cluster Streamiz's ~30 s wait before it processes) is reported apart from the processing rate.
/// </summary>
internal static class SteadyProgress
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits, started at <paramref name="clock"/>'s zero, until the group commits <paramref name="ends"/>.</summary>
    public static async Task<E2eTiming> WaitAsync(string bootstrapServers, string groupId, IReadOnlyDictionary<TopicPartition, long> ends,
        Stopwatch clock, Func<Exception?> failure, TimeSpan deadline, CancellationToken cancellationToken)
    {
        using var progress = new ConsumerGroupProgress(bootstrapServers, groupId);
        var topics = ends.Keys.Select(tp => tp.Topic).Distinct().ToList();
        var total = ends.Values.Sum();
        TimeSpan? firstAt = null;
        long firstCommitted = 0;
        while (true)
        {
            if (failure() is { } error)
            {
                throw new InvalidOperationException($"The run failed: {error.Message}", error);
            }

            var committed = progress.Committed(topics);
            var now = clock.Elapsed;
            if (firstAt is null && committed > 0)
            {
                (firstAt, firstCommitted) = (now, committed);
            }

            if (committed >= total)
            {
                // All done by the first commit seen: no steady phase to time, so the whole run counts.
                return firstCommitted >= total
                    ? new E2eTiming(now, now, total)
                    : new E2eTiming(now, now - firstAt!.Value, total - firstCommitted) { StartUp = firstAt };
            }

            if (now > deadline)
            {
                throw new TimeoutException($"Group '{groupId}' committed {committed} of {total} input records within {deadline}.");
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}

/// <summary>An end-to-end run's times: in all, of the steady phase (first commit to last) and the records it processed.</summary>
internal sealed record E2eTiming(TimeSpan Total, TimeSpan Steady, long SteadyRecords)
{
    /// <summary>Start until the first committed input offset; null when the whole run came before it.</summary>
    public TimeSpan? StartUp { get; init; }
}
