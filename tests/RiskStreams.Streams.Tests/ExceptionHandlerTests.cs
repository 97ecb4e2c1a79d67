using System.Text;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class ExceptionHandlerTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private const short ProduceApiKey = 0;

    /// <summary>Reads values back as text; fails on the value "bad".</summary>
    private static readonly Serde<string> StrictInput = Serde<string>.From(
        (_, v) => Encoding.UTF8.GetBytes(v),
        (_, data, _) => Encoding.UTF8.GetString(data) is "bad" ? throw new FormatException("value 'bad' is not accepted") : Encoding.UTF8.GetString(data));

    /// <summary>Writes values as text; fails on the value "UNPRINTABLE".</summary>
    private static readonly Serde<string> StrictOutput = Serde<string>.From(
        (_, v) => v is "UNPRINTABLE" ? throw new InvalidDataException("cannot print UNPRINTABLE") : Encoding.UTF8.GetBytes(v),
        (_, data, _) => Encoding.UTF8.GetString(data));

    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task Each_stage_skips_its_failing_record_to_the_dead_letter_topic_and_processing_goes_on()
    {
        var (input, output, dlq) = Topics();
        await using var streams = Start(input, output, Options(Cluster, Unique("handlers")) with
        {
            DeadLetterTopic = dlq,
            DeserializationExceptionHandler = LogAndContinueExceptionHandler.Instance,
            ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
            ProductionExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        await ProduceAsync(Cluster, input, new[] { ("k1", "ok-1"), ("k2", "bad"), ("k3", "boom"), ("k4", "unprintable"), ("k5", "ok-2") }
            .Select((r, i) => (r.Item1, r.Item2, 1_000L + i, (int?)0)));

        var produced = ReadAll(Cluster, output, 1, 2, Deserializers.Utf8, Deserializers.Utf8);
        var dead = ReadAll(Cluster, dlq, 1, 3, Deserializers.Utf8, Deserializers.Utf8);

        Assert.Equal([("k1", "OK-1"), ("k5", "OK-2")], produced.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal([("k2", "bad"), ("k3", "boom"), ("k4", "unprintable")], dead.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal(["deserialization", "processing", "production"], dead.Select(r => Header(r, DeadLetterHeaders.Stage)));
        Assert.Equal(["1", "2", "3"], dead.Select(r => Header(r, DeadLetterHeaders.SourceOffset)));
        Assert.All(dead, r => Assert.Equal(input, Header(r, DeadLetterHeaders.SourceTopic)));
        Assert.Equal(["System.FormatException", "System.ArgumentException", "System.IO.InvalidDataException"], dead.Select(r => Header(r, DeadLetterHeaders.ErrorClass)));
        Assert.Equal(["value 'bad' is not accepted", "boom is not a value", "cannot print UNPRINTABLE"], dead.Select(r => Header(r, DeadLetterHeaders.ErrorMessage)));
        Assert.Equal(["1001", "1002", "1003"], dead.Select(r => Header(r, DeadLetterHeaders.Timestamp)));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Fact]
    public async Task Continue_without_a_dead_letter_topic_skips_the_record_and_the_next_ones_are_processed()
    {
        var (input, output, _) = Topics();
        await using var streams = Start(input, output, Options(Cluster, Unique("skip")) with
        {
            ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        await ProduceAsync(Cluster, input, new[] { ("a", "boom"), ("b", "fine") }.Select((r, i) => (r.Item1, r.Item2, 5L + i, (int?)0)));

        var produced = ReadAll(Cluster, output, 1, 1, Deserializers.Utf8, Deserializers.Utf8);

        Assert.Equal([("b", "FINE")], produced.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Theory]
    [InlineData("bad", "System.FormatException")]
    [InlineData("boom", "System.ArgumentException")]
    [InlineData("unprintable", "System.IO.InvalidDataException")]
    public async Task Default_handlers_stop_the_instance_in_error_on_the_failing_record(string value, string errorClass)
    {
        var (input, output, _) = Topics();
        await using var streams = Start(input, output, Options(Cluster, Unique("fail")));
        await ProduceAsync(Cluster, input, [("x", value, 1L, 0)]);

        await UntilAsync(() => streams.State == StreamsState.Error, "the instance to fail");

        Assert.Equal(errorClass, streams.Error?.InnerException?.InnerException?.GetType().FullName ?? streams.Error?.InnerException?.GetType().FullName);
        Assert.Contains($"{input}[0]@0", streams.Error!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_output_record_the_broker_refuses_goes_to_the_dead_letter_topic_when_the_production_handler_continues()
    {
        var (input, output, dlq) = Topics();
        await ProduceAsync(Cluster, input, [("first", "refused", 10L, 0)]);

        // The input is in; the next produce request on the cluster is the instance's first output.
        Cluster.FailNextRequests(ProduceApiKey, ErrorCode.TopicAuthorizationFailed);
        await using var streams = Start(input, output, Options(Cluster, Unique("refused")) with
        {
            DeadLetterTopic = dlq,
            ProductionExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        var dead = ReadAll(Cluster, dlq, 1, 1, Deserializers.Utf8, Deserializers.Utf8);
        await ProduceAsync(Cluster, input, [("second", "kept", 11L, 0)]);

        var produced = ReadAll(Cluster, output, 1, 1, Deserializers.Utf8, Deserializers.Utf8);

        var refused = Assert.Single(dead);
        Assert.Equal(("first", "REFUSED"), (refused.Message.Key, refused.Message.Value));
        Assert.Equal("production", Header(refused, DeadLetterHeaders.Stage));
        Assert.Equal(output, Header(refused, DeadLetterHeaders.OutputTopic));
        Assert.Null(refused.Message.Headers.FirstOrDefault(h => h.Key == DeadLetterHeaders.SourceTopic));
        Assert.Equal("Broker: Topic authorization failed", Header(refused, DeadLetterHeaders.ErrorMessage));
        Assert.Null(Header(refused, DeadLetterHeaders.Timestamp));
        Assert.Equal([("second", "KEPT")], produced.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    private (string Input, string Output, string DeadLetters) Topics()
    {
        var topics = (Unique("in"), Unique("out"), Unique("dlq"));
        Cluster.CreateTopic(topics.Item1, 1);
        Cluster.CreateTopic(topics.Item2, 1);
        Cluster.CreateTopic(topics.Item3, 1);
        return topics;
    }

    private static KafkaStreams Start(string input, string output, StreamsOptions options)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, StrictInput))
            .MapValues(v => v is "boom" ? throw new ArgumentException("boom is not a value") : v.ToUpperInvariant())
            .To(output, Produced.With(Serdes.String, StrictOutput));
        var streams = new KafkaStreams(builder.Build(), options);
        streams.Start();
        return streams;
    }

    private static string? Header(ConsumeResult<string, string> record, string key) =>
        record.Message.Headers.TryGetLastBytes(key, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
