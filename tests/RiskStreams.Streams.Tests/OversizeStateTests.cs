using System.Text;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.ChangelogTestKit;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>State writes over <see cref="StreamsOptions.MaxChangelogRecordBytes"/>, over the embedded cluster.</summary>
public sealed class OversizeStateTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private const string Blobs = "blobs";
    private const int Chunk = 400_000;

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_write_over_the_changelog_limit_is_refused_naming_store_and_key_the_record_is_dead_lettered_and_a_restart_restores_the_unchanged_value(bool cached)
    {
        var (input, output, dlq, appId) = (Unique("oversize-in"), Unique("oversize-out"), Unique("oversize-dlq"), Unique("oversize"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        Cluster.CreateTopic(dlq, 1);
        var options = CountOptions(Cluster, appId) with
        {
            DeadLetterTopic = dlq,
            ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
            CacheMaxBytesBuffering = cached ? 10_000_000 : 0,
        };

        await using (var first = await StartAsync(ConcatTopology(input, output, cached), options))
        {
            // The third value would make the aggregate 1,200,000 bytes: over the default limit of 1,000,000.
            await ProduceAsync(Cluster, input, [("k", new string('a', Chunk), 1, 0), ("k", new string('b', Chunk), 2, 0), ("k", new string('c', Chunk), 3, 0), ("other", "x", 4, 0)]);

            var dead = ReadAll(Cluster, dlq, 1, 1, Deserializers.Utf8, Deserializers.Utf8);
            var record = Assert.Single(dead);
            Assert.Equal(("k", Chunk), (record.Message.Key, record.Message.Value.Length));
            Assert.Equal("processing", Header(record, DeadLetterHeaders.Stage));
            Assert.Equal("2", Header(record, DeadLetterHeaders.SourceOffset));
            Assert.Equal(typeof(StateRecordTooLargeException).FullName, Header(record, DeadLetterHeaders.ErrorClass));
            Assert.StartsWith($"Store '{Blobs}' refused a write for key 'k': its changelog record would be 1200513 bytes, over the limit of 1000000",
                Header(record, DeadLetterHeaders.ErrorMessage), StringComparison.Ordinal);
            await UntilAsync(() => LastLengths(output).GetValueOrDefault("other") == 1, "the record after the refused one");
            Assert.Equal(StreamsState.Running, first.State);
            await first.CloseAsync();
            Assert.Null(first.Error);
            Assert.Equal(2 * Chunk, LastLengths(output)["k"]);
        }

        // A restart restores "k" from its changelog: the refused write never reached it, so the next value appends to 800,000 characters.
        await using var second = await StartAsync(ConcatTopology(input, output, cached), options);
        await ProduceAsync(Cluster, input, [("k", "d", 5, 0)]);

        await UntilAsync(() => LastLengths(output)["k"] == (2 * Chunk) + 1, "the restarted instance to append to the restored value");
        Assert.Equal(StreamsState.Running, second.State);
    }

    /// <summary>Concatenates each key's values into store <see cref="Blobs"/> (with a record cache or not) and writes the aggregates.</summary>
    private static Topology ConcatTopology(string input, string output, bool cached)
    {
        var store = Materialized.As<string, string>(Blobs).WithValueSerde(Serdes.String);
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey(Grouped.With(Serdes.String, Serdes.String))
            .Aggregate(() => "", (_, value, aggregate) => aggregate + value, cached ? store.WithCachingEnabled() : store)
            .ToStream()
            .To(output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    /// <summary>The length of the last value of each key in <paramref name="topic"/>.</summary>
    private Dictionary<string, int> LastLengths(string topic) =>
        ExactlyOnceTestKit.ReadToEnd(Cluster.BootstrapServers, topic, 1, IsolationLevel.ReadUncommitted)
            .GroupBy(r => r.Key)
            .ToDictionary(g => g.Key, g => g.Last().Value.Length);

    private static string Header(ConsumeResult<string, string> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));
}
