using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class WindowDeterminismTests
{
    private static readonly string[] Topics = ["hopping", "sliding", "sessions", "closed"];

    [Fact]
    public void Same_input_gives_byte_identical_windowed_output_from_two_fresh_drivers()
    {
        var first = Run();
        var second = Run();

        Assert.True(first.Count > 1000, $"only {first.Count} output records");
        Assert.Equal(first.Count, second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            Assert.Equal(first[i].Topic, second[i].Topic);
            Assert.Equal(first[i].Key, second[i].Key);
            Assert.Equal(first[i].Value, second[i].Value);
            Assert.Equal(first[i].Timestamp, second[i].Timestamp);
        }
    }

    private static List<(string Topic, byte[] Key, byte[]? Value, long Timestamp)> Run()
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream("events", Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        grouped.WindowedBy(TimeWindows.OfSizeAndGrace(Ms(100), Ms(30)).AdvanceBy(Ms(25))).Count().ToStream().To("hopping");
        grouped.WindowedBy(SlidingWindows.OfTimeDifferenceAndGrace(Ms(50), Ms(30))).Reduce((a, b) => a + b).ToStream().To("sliding");
        grouped.WindowedBy(SessionWindows.OfInactivityGapAndGrace(Ms(40), Ms(30))).Count().ToStream().To("sessions");
        grouped.WindowedBy(TimeWindows.OfSizeAndGrace(Ms(100), Ms(30))).EmitStrategy(EmitStrategy.OnWindowClose())
            .Aggregate(() => 0L, (_, v, sum) => sum + v, Materialized.With(Serdes.String, Serdes.Long)).ToStream().To("closed");
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.Long);

        // A fixed pseudo-random walk: mostly increasing time with out-of-order and late records mixed in.
        var state = 12345UL;
        var time = 0L;
        for (var i = 0; i < 400; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            var r = (long)(state >> 33);
            time += r % 20;
            var jitter = (r >> 8) % 60;
            input.PipeInput($"k{(r >> 16) % 5}", r % 100, Math.Max(0, time - jitter));
        }

        var result = new List<(string, byte[], byte[]?, long)>();
        foreach (var topic in Topics)
        {
            foreach (var record in driver.CreateOutputTopic(topic, Serdes.ByteArray, Serdes.ByteArray).ReadRecordsToList())
            {
                result.Add((topic, record.Key, record.Value, record.Timestamp));
            }
        }

        return result;
    }
}
