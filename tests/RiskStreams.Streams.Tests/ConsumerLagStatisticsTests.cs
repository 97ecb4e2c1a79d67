using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

/// <summary>Consumer lag per partition is read from librdkafka's statistics JSON.</summary>
public sealed class ConsumerLagStatisticsTests
{
    // Shaped as librdkafka's consumer statistics (trimmed): partition -1 is its internal one; -1 lag is unknown.
    private const string Report = """
        {
          "name": "app-StreamThread-1-consumer#consumer-1", "type": "consumer",
          "brokers": { "localhost:9092/1": { "state": "UP", "source": "configured" } },
          "topics": {
            "credit.transactions": {
              "topic": "credit.transactions",
              "partitions": {
                "0": { "partition": 0, "consumer_lag": 42, "consumer_lag_stored": 40, "hi_offset": 142 },
                "1": { "partition": 1, "consumer_lag": -1, "hi_offset": 10 },
                "-1": { "partition": -1, "consumer_lag": -1 }
              }
            },
            "account.logins": {
              "topic": "account.logins",
              "partitions": { "3": { "partition": 3, "consumer_lag": 0 } }
            }
          }
        }
        """;

    [Fact]
    public void Known_lags_of_real_partitions_are_read_and_unknown_ones_left_out()
    {
        Assert.Equal(
            [new PartitionLag("credit.transactions", 0, 42), new PartitionLag("account.logins", 3, 0)],
            ConsumerLagStatistics.Parse(Report)!);
    }

    [Fact]
    public void A_report_without_topics_or_unreadable_gives_nothing()
    {
        Assert.Null(ConsumerLagStatistics.Parse("""{ "name": "p", "type": "producer", "brokers": {} }"""));
        Assert.Null(ConsumerLagStatistics.Parse("{ not json"));
    }

    [Fact]
    public void Observed_lag_is_the_latest_report_of_each_partition()
    {
        // A topic of this test's own: other tests' consumers report into the same process-wide gauge.
        var report = Report.Replace("credit.transactions", "lag-test-topic", StringComparison.Ordinal);
        ConsumerLagStatistics.OnStatistics("lag-test-consumer", report);
        ConsumerLagStatistics.OnStatistics("lag-test-consumer", report.Replace("\"consumer_lag\": 42", "\"consumer_lag\": 7", StringComparison.Ordinal));

        var lag = Assert.Single(ConsumerLagStatistics.Observe(), m => Tag(m.Tags, "topic") == "lag-test-topic" && Tag(m.Tags, "partition") == "0");
        Assert.Equal(7, lag.Value);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string key)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == key)
            {
                return tag.Value as string;
            }
        }

        return null;
    }
}
