using System.Diagnostics;
using RiskStreams.Streams;
using RiskStreams.Streams.Offline;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>The in-process runs' loop, the same on both engines: pipe a batch, commit, both timed; read back untimed.</summary>
internal static class InProcessBatches
{
    /// <summary>
    /// Pipes records 0..<paramref name="count"/> in batches of <paramref name="commitEvery"/>, committing after each; only
    /// piping and committing are timed, <paramref name="afterCommit"/> (reading the output back) is not.
    /// </summary>
    public static TimeSpan Run(int count, int commitEvery, Action<int> pipe, Action commit, Action afterCommit)
    {
        var elapsed = TimeSpan.Zero;
        for (var start = 0; start < count; start += commitEvery)
        {
            var end = Math.Min(start + commitEvery, count);
            var began = Stopwatch.GetTimestamp();
            for (var i = start; i < end; i++)
            {
                pipe(i);
            }

            commit();
            elapsed += Stopwatch.GetElapsedTime(began);
            afterCommit();
        }

        return elapsed;
    }

    /// <summary>
    /// Adds our runner's output records to <paramref name="digest"/> and drops its changelog records (the runner keeps them
    /// until read, as Streamiz's driver keeps them in its mock cluster).
    /// </summary>
    public static void DrainOurs(OfflineTopologyRunner runner, OfflineOutputTopic<byte[], byte[]> output, OutputDigest digest)
    {
        while (!output.IsEmpty)
        {
            var r = output.ReadRecord();
            digest.Add(r.Key, r.Value);
        }

        foreach (var changelog in runner.ProducedTopicNames.Where(t => t.EndsWith("-changelog", StringComparison.Ordinal)).ToList())
        {
            var topic = runner.CreateOutputTopic(changelog, Serdes.ByteArray, Serdes.ByteArray);
            while (!topic.IsEmpty)
            {
                topic.ReadRecord();
            }
        }
    }
}
