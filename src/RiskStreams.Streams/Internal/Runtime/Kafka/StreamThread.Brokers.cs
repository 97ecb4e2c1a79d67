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

    /// <summary>
    /// One statistics report of this thread's <paramref name="client"/>: passed to <see cref="Connectivity"/>, and clears the
    /// outage once a broker is connected again.
    /// </summary>
    private void OnStatistics(string client, string json)
    {
        Connectivity?.OnStatistics(client, json);
        if (_brokersDown && BrokerConnectivity.AnyBrokerUp(json) == true)
        {
            _brokersDown = false;
            RuntimeLog.BrokersUp(_logger, Name);
        }
    }
}
