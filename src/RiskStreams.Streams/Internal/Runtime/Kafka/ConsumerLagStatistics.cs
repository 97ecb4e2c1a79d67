using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text.Json;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Consumer lag per partition from the stream threads' consumers' librdkafka statistics (<c>topics.*.partitions.*.consumer_lag</c>,
/// reported every <see cref="BrokerConnectivity.StatisticsIntervalMs"/>): the latest report of each consumer is kept and read when
/// the metrics are collected. Partitions with an unknown lag (-1: not assigned, or no position yet) and librdkafka's internal
/// partition -1 are left out; a consumer that has not reported for five intervals (closed) is forgotten.
/// </summary>
internal static class ConsumerLagStatistics
{
    private const long StaleAfterMs = 5 * BrokerConnectivity.StatisticsIntervalMs;

    private static readonly ConcurrentDictionary<string, (long ReportedAtMs, PartitionLag[] Lags)> Clients = new(StringComparer.Ordinal);

    /// <summary>Reads one statistics report of consumer <paramref name="client"/>; a report it cannot read changes nothing.</summary>
    public static void OnStatistics(string client, string json)
    {
        if (Parse(json) is { } lags)
        {
            Clients[client] = (Environment.TickCount64, lags);
        }
    }

    /// <summary>The lag of each partition reported by a live consumer (the newest report when two report one partition).</summary>
    public static IEnumerable<Measurement<long>> Observe()
    {
        var now = Environment.TickCount64;
        var newest = new Dictionary<(string Topic, int Partition), (long ReportedAtMs, long Lag)>();
        foreach (var (client, (reportedAt, lags)) in Clients)
        {
            if (now - reportedAt >= StaleAfterMs)
            {
                Clients.TryRemove(client, out _);
                continue;
            }

            foreach (var lag in lags)
            {
                if (!newest.TryGetValue((lag.Topic, lag.Partition), out var seen) || seen.ReportedAtMs < reportedAt)
                {
                    newest[(lag.Topic, lag.Partition)] = (reportedAt, lag.Lag);
                }
            }
        }

        return newest.Select(p => new Measurement<long>(p.Value.Lag,
            new("topic", p.Key.Topic), new("partition", p.Key.Partition.ToString(CultureInfo.InvariantCulture))));
    }

    /// <summary>The known lags in a statistics report; null if it cannot be read or lists no topics.</summary>
    public static PartitionLag[]? Parse(string json) => StatisticsJson.ReadObject<PartitionLag[]?>(json, "topics", Lags);

    private static PartitionLag[] Lags(JsonElement topics)
    {
        var lags = new List<PartitionLag>();
        foreach (var topic in topics.EnumerateObject())
        {
            if (!topic.Value.TryGetProperty("partitions", out var partitions) || partitions.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            foreach (var partition in partitions.EnumerateObject())
            {
                if (int.TryParse(partition.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                    && partition.Value.TryGetProperty("consumer_lag", out var lag) && lag.TryGetInt64(out var value) && value >= 0)
                {
                    lags.Add(new PartitionLag(topic.Name, id, value));
                }
            }
        }

        return [.. lags];
    }
}
