using System.Collections.Concurrent;
using System.Text.Json;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Whether the stream threads' clients reach the cluster, from librdkafka's statistics (every
/// <see cref="StatisticsIntervalMs"/>), per client: a client is connected while at least one real broker connection
/// (a bootstrap or learned broker, not librdkafka's logical or internal ones) is in state <c>UP</c>, otherwise
/// unreachable since its first report that found none (librdkafka drops learned brokers it cannot reach, so the
/// bootstrap entries remain). The instance is unreachable for as long as its longest-unreachable client that still
/// reports; both the consumer and the producer of each thread report, because a thread blocked waiting for its
/// producer during an outage polls no consumer, and its consumer's statistics stop.
/// </summary>
internal sealed class BrokerConnectivity
{
    public const int StatisticsIntervalMs = 1000;

    /// <summary>A client that has not reported for this long (closed, or its callbacks are not served) is not counted.</summary>
    private const long StaleAfterMs = 5 * StatisticsIntervalMs;

    private readonly ConcurrentDictionary<string, (long DownSinceMs, long ReportedAtMs)> _clients = new(StringComparer.Ordinal);

    /// <summary>How long a client that still reports has reached no broker (the longest such); null while all reach one.</summary>
    public TimeSpan? UnreachableFor
    {
        get
        {
            var now = Environment.TickCount64;
            long longest = 0;
            foreach (var (downSince, reportedAt) in _clients.Values)
            {
                if (downSince != 0 && now - reportedAt < StaleAfterMs)
                {
                    longest = Math.Max(longest, now - downSince);
                }
            }

            return longest == 0 ? null : TimeSpan.FromMilliseconds(longest);
        }
    }

    /// <summary>Reads one statistics report (librdkafka's JSON) of <paramref name="client"/>; a report it cannot read changes nothing.</summary>
    public void OnStatistics(string client, string json)
    {
        if (AnyBrokerUp(json) is not { } anyUp)
        {
            return;
        }

        var now = Math.Max(1, Environment.TickCount64);
        _clients.AddOrUpdate(client,
            _ => (anyUp ? 0 : now, now),
            (_, previous) => (anyUp ? 0 : previous.DownSinceMs != 0 ? previous.DownSinceMs : now, now));
    }

    /// <summary>True if a cluster broker is up, false if none is, null if the report lists none yet or cannot be read.</summary>
    public static bool? AnyBrokerUp(string json) => StatisticsJson.ReadObject(json, "brokers", AnyUp);

    private static bool? AnyUp(JsonElement brokers)
    {
        bool? result = null;
        foreach (var broker in brokers.EnumerateObject())
        {
            if (!broker.Value.TryGetProperty("source", out var source) || source.GetString() is not ("learned" or "configured"))
            {
                continue;
            }

            if (broker.Value.TryGetProperty("state", out var state) && state.GetString() == "UP")
            {
                return true;
            }

            result = false;
        }

        return result;
    }
}
