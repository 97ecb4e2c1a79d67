using System.Text.Json;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Whether the stream threads' consumers reach any broker, from librdkafka's statistics (every
/// <see cref="StatisticsIntervalMs"/>): connected while at least one real broker connection (a bootstrap or learned
/// broker, not librdkafka's logical or internal ones) is in state <c>UP</c>; otherwise unreachable since the first
/// report that found none. (librdkafka drops learned brokers it cannot reach, so the bootstrap entries remain.)
/// </summary>
internal sealed class BrokerConnectivity
{
    public const int StatisticsIntervalMs = 1000;

    /// <summary><see cref="Environment.TickCount64"/> of the first report without a broker up; 0 while connected.</summary>
    private long _downSinceMs;

    /// <summary>How long no broker has been reachable; null while one is.</summary>
    public TimeSpan? UnreachableFor => Volatile.Read(ref _downSinceMs) is var since and not 0
        ? TimeSpan.FromMilliseconds(Environment.TickCount64 - since)
        : null;

    public static void Configure(ClientConfig config) => config.StatisticsIntervalMs = StatisticsIntervalMs;

    /// <summary>Reads one statistics report (librdkafka's JSON); a report it cannot read changes nothing.</summary>
    public void OnStatistics(string json)
    {
        bool? up;
        try
        {
            up = AnyBrokerUp(json);
        }
        catch (JsonException)
        {
            return;
        }

        if (up is not { } anyUp)
        {
            return;
        }

        if (anyUp)
        {
            Volatile.Write(ref _downSinceMs, 0);
        }
        else
        {
            Interlocked.CompareExchange(ref _downSinceMs, Math.Max(1, Environment.TickCount64), 0);
        }
    }

    /// <summary>True if a cluster broker is up, false if none is, null if the report lists none yet.</summary>
    private static bool? AnyBrokerUp(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (!document.RootElement.TryGetProperty("brokers", out var brokers) || brokers.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

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
