using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Internal;

/// <summary>Log messages of the embedded Kafka cluster.</summary>
internal static partial class EmbeddedKafkaLog
{
    [LoggerMessage(EventId = 1, Message = "librdkafka {Facility}: {Text}")]
    public static partial void Native(ILogger logger, LogLevel level, string facility, string text);

    [LoggerMessage(EventId = 2, Level = LogLevel.Debug,
        Message = "Mock cluster started: {BrokerCount} broker(s), brokers at {BrokerAddresses}, librdkafka {LibraryPath}")]
    public static partial void Started(ILogger logger, int brokerCount, string brokerAddresses, string libraryPath);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug,
        Message = "Broker {BrokerId} advertised as {Host}:{Port}, forwarded to its listener at {Upstream}")]
    public static partial void BootstrapForwarded(ILogger logger, int brokerId, string host, int port, string upstream);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug,
        Message = "rd_kafka_mock_topic_create({Topic}, {Partitions}, {ReplicationFactor}) = {Result}")]
    public static partial void TopicCreated(ILogger logger, string topic, int partitions, int replicationFactor, string result);

    [LoggerMessage(EventId = 5, Level = LogLevel.Debug, Message = "rd_kafka_mock_group_initial_rebalance_delay_ms({DelayMs})")]
    public static partial void RebalanceDelaySet(ILogger logger, int delayMs);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "Mock cluster at {BootstrapServers} destroyed")]
    public static partial void Destroyed(ILogger logger, string bootstrapServers);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "Forwarding {Client} to {Upstream} failed")]
    public static partial void ForwardFailed(ILogger logger, Exception exception, string client, string upstream);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "Mock broker {BrokerId} is {State}")]
    public static partial void BrokerAvailability(ILogger logger, int brokerId, string state);
}
