using Microsoft.Extensions.Logging;

namespace RiskStreams.DevStack.Tests.Kafka;

public sealed class EmbeddedKafkaClusterLoggingTests
{
    [Fact]
    public void Native_calls_and_librdkafka_lines_are_logged_at_debug()
    {
        using var loggerFactory = new CapturingLoggerFactory();
        string bootstrapServers;
        using (var cluster = EmbeddedKafkaCluster.Start(loggerFactory: loggerFactory))
        {
            bootstrapServers = cluster.BootstrapServers;
            cluster.CreateTopic("logged", 3);
            cluster.CreateTopic("logged", 3);
        }

        var entries = loggerFactory.Entries.ToList();
        Assert.All(entries, e => Assert.Equal(typeof(EmbeddedKafkaCluster).FullName, e.Category));
        var debug = entries.Where(e => e.Level == LogLevel.Debug).Select(e => e.Message).ToList();
        Assert.Contains(debug, m => m.StartsWith($"Mock cluster started: 1 broker(s), brokers at {bootstrapServers}, librdkafka /", StringComparison.Ordinal));
        Assert.Contains("rd_kafka_mock_group_initial_rebalance_delay_ms(0)", debug);
        Assert.Equal(
            ["rd_kafka_mock_topic_create(logged, 3, 1) = NO_ERROR", "rd_kafka_mock_topic_create(logged, 3, 1) = TOPIC_ALREADY_EXISTS"],
            debug.Where(m => m.StartsWith("rd_kafka_mock_topic_create", StringComparison.Ordinal)));
        Assert.Equal($"Mock cluster at {bootstrapServers} destroyed", debug[^1]);

        // librdkafka's own lines arrive through the native log callback instead of stderr.
        Assert.Contains(debug, m => m.StartsWith("librdkafka CONFWARN: ", StringComparison.Ordinal));
    }
}
