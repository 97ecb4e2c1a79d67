using System.Buffers.Binary;
using System.Text;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class TumblingWindowTests
{
    [Fact]
    public void Record_exactly_at_window_end_goes_to_the_next_tumbling_window()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)));
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "x", 9);
        input.PipeInput("a", "x", 10);
        input.PipeInput("a", "x", 19);
        input.PipeInput("a", "x", 20);

        Assert.Equal(
            [At("a@0-10", 1L, 0), At("a@0-10", 2L, 9), At("a@10-20", 1L, 10), At("a@10-20", 2L, 19), At("a@20-30", 1L, 20)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Out_of_order_record_within_grace_updates_its_window_and_keeps_the_latest_timestamp()
    {
        using var driver = CountDriver(TimeWindows.OfSizeAndGrace(Ms(10), Ms(5)));
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 8);
        input.PipeInput("a", "x", 12);
        input.PipeInput("a", "x", 5); // stream time 12, window [0,10) closes at 15: accepted
        input.PipeInput("a", "x", 16);
        input.PipeInput("a", "x", 9); // stream time 16 >= 10 + 5: window [0,10) closed

        Assert.Equal(
            [At("a@0-10", 1L, 8), At("a@10-20", 1L, 12), At("a@0-10", 2L, 8), At("a@10-20", 2L, 16)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Late_record_after_grace_is_dropped_and_counted()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)));
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 15);
        input.PipeInput("a", "x", 9);
        input.PipeInput("b", "x", 10); // window [10,20) is still open at stream time 15

        Assert.Equal([At("a@10-20", 1L, 15), At("b@10-20", 1L, 10)], driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Null_keys_and_values_are_skipped_and_counted_as_dropped()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)));
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput(null!, "x", 1);
        input.PipeInput("a", null!, 2);
        input.PipeInput("a", "x", 3);

        Assert.Equal([At("a@0-10", 1L, 3)], driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(2, driver.DroppedRecordCount);
    }

    [Fact]
    public void Emit_on_window_close_forwards_each_window_once_with_its_final_value()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeAndGrace(Ms(10), Ms(5)))
            .EmitStrategy(EmitStrategy.OnWindowClose())
            .Count()
            .ToLabelledTopic("counts", Serdes.Long);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long);
        input.PipeInput("a", "x", 1);
        input.PipeInput("b", "x", 2);
        input.PipeInput("a", "x", 8);
        input.PipeInput("a", "x", 12);
        input.PipeInput("a", "x", 14);
        Assert.True(output.IsEmpty);

        input.PipeInput("b", "x", 15); // stream time 15 = end 10 + grace 5: [0,10) closes
        Assert.Equal([At("a@0-10", 2L, 8), At("b@0-10", 1L, 2)], output.ReadRecordsToList());

        input.PipeInput("a", "x", 6); // too late for the closed window: dropped, nothing re-emitted
        input.PipeInput("a", "x", 24);
        Assert.True(output.IsEmpty);

        input.PipeInput("a", "x", 25); // [10,20) closes
        input.PipeInput("a", "x", 26);
        Assert.Equal([At("a@10-20", 2L, 14), At("b@10-20", 1L, 15)], output.ReadRecordsToList());
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Windowed_table_writes_kafka_time_windowed_keys_by_default()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(Ms(10)))
            .Reduce((a, b) => a + b)
            .ToStream()
            .To("joined");
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("k", "x", 21);
        input.PipeInput("k", "y", 22);

        var raw = driver.CreateOutputTopic("joined", Serdes.ByteArray, Serdes.String).ReadRecordsToList();
        var expectedKey = new byte[9];
        expectedKey[0] = (byte)'k';
        BinaryPrimitives.WriteInt64BigEndian(expectedKey.AsSpan(1), 20);
        Assert.All(raw, r => Assert.Equal(expectedKey, r.Key));
        Assert.Equal(["x", "xy"], raw.Select(r => r.Value));

        var serde = WindowedSerdes.TimeWindowed(Serdes.String, Ms(10));
        var windowed = serde.Deserialize("joined", expectedKey, false);
        Assert.Equal(new Windowed<string>("k", new Window(20, 30)), windowed);
        Assert.Equal("k@20-30", Label(windowed));
        Assert.Equal(expectedKey, serde.Serialize("joined", windowed));
        Assert.Equal("[k@20/30]", windowed.ToString());

        // The session layout keeps both ends: key, end, start.
        var session = WindowedSerdes.SessionWindowed(Serdes.String).Serialize("t", windowed)!;
        Assert.Equal(Encoding.UTF8.GetBytes("k"), session[..1]);
        Assert.Equal(30, BinaryPrimitives.ReadInt64BigEndian(session.AsSpan(1)));
        Assert.Equal(20, BinaryPrimitives.ReadInt64BigEndian(session.AsSpan(9)));
        Assert.Equal(windowed, WindowedSerdes.SessionWindowed(Serdes.String).Deserialize("t", session, false));
    }

    [Fact]
    public void Aggregate_folds_values_per_window_from_the_initializer()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.Long))
            .GroupByKey()
            .WindowedBy(TimeWindows.OfSizeWithNoGrace(Ms(100)))
            .Aggregate(() => "init", (_, v, agg) => $"{agg}+{v}", Materialized.As<string, string>("sums").WithValueSerde(Serdes.String))
            .ToLabelledTopic("out", Serdes.String);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.Long);
        input.PipeInput("a", 1, 50);
        input.PipeInput("a", 2, 99);
        input.PipeInput("a", 3, 100);

        Assert.Equal(
            [At("a@0-100", "init+1", 50), At("a@0-100", "init+1+2", 99), At("a@100-200", "init+3", 100)],
            driver.CreateOutputTopic("out", Serdes.String, Serdes.String).ReadRecordsToList());
    }

    [Fact]
    public void Store_retention_shorter_than_size_plus_grace_fails_naming_the_store()
    {
        var grouped = new StreamsBuilder().Stream("events", Consumed.With(Serdes.String, Serdes.String)).GroupByKey();
        var windowed = grouped.WindowedBy(TimeWindows.OfSizeAndGrace(Ms(10), Ms(5)));

        var error = Assert.Throws<ArgumentException>(() => windowed.Count(Materialized.As<string, long>("short-store").WithRetention(Ms(14))));
        Assert.Contains("'short-store'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(15 ms)", error.Message, StringComparison.Ordinal);

        var supplierError = Assert.Throws<ArgumentException>(() =>
            windowed.Count(Materialized.As<string, long>(State.Stores.InMemoryWindowStore("wrong-size", Ms(100), Ms(20), false))));
        Assert.Contains("'wrong-size'", supplierError.Message, StringComparison.Ordinal);

        // Exactly size + grace is enough.
        windowed.Count(Materialized.As<string, long>("ok-store").WithRetention(Ms(15)));
    }

    private static TopologyTestDriver CountDriver(TimeWindows windows)
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(windows)
            .Count(Materialized.As<string, long>("counts-store"))
            .ToLabelledTopic("counts", Serdes.Long);
        return new TopologyTestDriver(builder.Build());
    }
}
