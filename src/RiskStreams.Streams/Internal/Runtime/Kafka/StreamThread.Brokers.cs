using System.Text.Json;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <remarks>
/// While every broker is unreachable the thread stands still: no input arrives and no output leaves, so wall-clock
/// punctuators do not fire either — otherwise a quiet-looking outage would release buffered records on the clock, ahead of
/// input that is merely stuck on the broker, and decide differently from an outage-free run. librdkafka reports the
/// outage as <see cref="ErrorCode.Local_AllBrokersDown"/>; its statistics (every second) report a broker up again.
/// </remarks>
internal sealed partial class StreamThread
{
    /// <summary>How often librdkafka reports its statistics, by which the thread sees brokers come back.</summary>
    private const int StatisticsIntervalMs = 1000;

    // Set from the producer's callbacks too, which run on its own thread.
    private volatile bool _brokersDown;

    private void OnBrokersDown()
    {
        if (!_brokersDown)
        {
            _brokersDown = true;
            RuntimeLog.BrokersDown(_logger, Name);
        }
    }

    /// <summary>Clears the outage once the statistics show a broker connected again.</summary>
    private void OnStatistics(string json)
    {
        if (!_brokersDown || !AnyBrokerUp(json))
        {
            return;
        }

        _brokersDown = false;
        RuntimeLog.BrokersUp(_logger, Name);
    }

    private static bool AnyBrokerUp(string json)
    {
        using var stats = JsonDocument.Parse(json);
        if (!stats.RootElement.TryGetProperty("brokers", out var brokers) || brokers.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var broker in brokers.EnumerateObject())
        {
            // Learned brokers have a node id; the bootstrap entries (-1) say nothing about the cluster.
            if (broker.Value.TryGetProperty("nodeid", out var id) && id.GetInt32() >= 0
                && broker.Value.TryGetProperty("state", out var state) && state.GetString() == "UP")
            {
                return true;
            }
        }

        return false;
    }
}
