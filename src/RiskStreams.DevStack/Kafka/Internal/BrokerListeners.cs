using System.Globalization;
using System.Net;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Internal;

/// <summary>Finds where a mock broker really listens.</summary>
internal static class BrokerListeners
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The listener of broker <paramref name="brokerId"/>. With one broker it is the only bootstrap entry; with more,
    /// a metadata request maps ids to ports (librdkafka documents no order for its bootstrap list).
    /// </summary>
    public static IPEndPoint Find(string bootstraps, int brokerCount, int brokerId, ILogger logger)
    {
        if (brokerCount == 1)
        {
            return Parse(bootstraps.Split(',')[0]);
        }

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstraps })
            .SetLogHandler((_, message) => EmbeddedKafkaLog.Native(logger, LogLevel.Debug, message.Facility, message.Message))
            .Build();
        var broker = admin.GetMetadata(MetadataTimeout).Brokers.SingleOrDefault(b => b.BrokerId == brokerId)
            ?? throw new InvalidOperationException($"The mock cluster at {bootstraps} reports no broker {brokerId}.");
        return new IPEndPoint(IPAddress.Parse(broker.Host), broker.Port);
    }

    private static IPEndPoint Parse(string hostPort)
    {
        var colon = hostPort.LastIndexOf(':');
        return new IPEndPoint(
            IPAddress.Parse(hostPort[..colon]),
            int.Parse(hostPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
