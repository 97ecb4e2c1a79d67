using System.Text;
using Confluent.Kafka;
using RiskStreams.DevStack;
using static RiskStreams.Streams.Tests.KafkaStreamsTestKit;

namespace RiskStreams.Streams.Tests;

/// <summary>A wall-clock punctuation that throws goes to the processing exception handler, as a record would (KIP-1033).</summary>
public sealed class PunctuationErrorTests(EmbeddedKafkaFixture fixture) : IClassFixture<EmbeddedKafkaFixture>
{
    private EmbeddedKafkaCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task A_failing_wall_clock_punctuation_is_dead_lettered_and_the_instance_goes_on_when_the_handler_continues()
    {
        var (input, output, dlq) = (Unique("punct-in"), Unique("punct-out"), Unique("punct-dlq"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        Cluster.CreateTopic(dlq, 1);
        await using var streams = new KafkaStreams(Topology(input, output), Options(Cluster, Unique("punct")) with
        {
            DeadLetterTopic = dlq,
            ProcessingExceptionHandler = LogAndContinueExceptionHandler.Instance,
        });
        streams.Start();
        await ProduceAsync(Cluster, input, [("a", "first", 1, 0)]);

        var dead = ReadAll(Cluster, dlq, 1, 2, Deserializers.Utf8, Deserializers.Utf8);
        await ProduceAsync(Cluster, input, [("b", "second", 2, 0)]);
        var passed = ReadAll(Cluster, output, 1, 2, Deserializers.Utf8, Deserializers.Utf8);

        Assert.Equal(2, dead.Count);
        Assert.All(dead, r => Assert.Equal(("punctuation", "System.InvalidOperationException", "the tick failed"),
            (Header(r, DeadLetterHeaders.Stage), Header(r, DeadLetterHeaders.ErrorClass), Header(r, DeadLetterHeaders.ErrorMessage))));
        Assert.Equal(2, dead.Count);
        Assert.All(dead, r => Assert.Null(r.Message.Value));
        Assert.Equal([("a", "first"), ("b", "second")], passed.Select(r => (r.Message.Key, r.Message.Value)));
        Assert.Equal(StreamsState.Running, streams.State);
    }

    [Fact]
    public async Task A_failing_wall_clock_punctuation_stops_the_instance_with_the_default_handler()
    {
        var (input, output) = (Unique("punct-in"), Unique("punct-out"));
        Cluster.CreateTopic(input, 1);
        Cluster.CreateTopic(output, 1);
        await using var streams = new KafkaStreams(Topology(input, output), Options(Cluster, Unique("punct-fail")));
        streams.Start();
        await ProduceAsync(Cluster, input, [("a", "first", 1, 0)]);

        await UntilAsync(() => streams.State == StreamsState.Error, "the instance to stop in error");
        Assert.Equal("Task 0_0 failed in a wall-clock punctuation: the tick failed", streams.Error!.Message);
    }

    /// <summary>Passes records through; its wall-clock punctuation (every 100 ms) throws the first two times.</summary>
    private static Topology Topology(string input, string output)
    {
        var builder = new StreamsBuilder();
        builder.Stream(input, Consumed.With(Serdes.String, Serdes.String))
            .Process(() => new FailingTick())
            .To(output, Produced.With(Serdes.String, Serdes.String));
        return builder.Build();
    }

    private static string Header(ConsumeResult<string, string> record, string key) =>
        Encoding.UTF8.GetString(record.Message.Headers.GetLastBytes(key));

    private sealed class FailingTick : IProcessor<string, string, string, string>
    {
        private const int FailingTicks = 2;
        private IProcessorContext<string, string> _context = null!;
        private int _ticks;

        public void Init(IProcessorContext<string, string> context)
        {
            _context = context;
            context.Schedule(TimeSpan.FromMilliseconds(100), PunctuationType.WallClockTime, _ =>
            {
                if (++_ticks <= FailingTicks)
                {
                    throw new InvalidOperationException("the tick failed");
                }
            });
        }

        public void Process(Record<string, string> record) => _context.Forward(record);
    }
}
