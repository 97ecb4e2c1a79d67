using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class SessionWindowTests
{
    [Fact]
    public void Record_bridging_two_sessions_merges_them_and_deletes_the_old_ones()
    {
        // Grace keeps [0,0] open at stream time 20 (it closes once stream time passes 0 + gap + grace).
        using var driver = ConcatDriver(SessionWindows.OfInactivityGapAndGrace(Ms(10), Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "y", 20); // 20 - 0 > gap: a second session
        input.PipeInput("a", "z", 10); // within the gap of both (ends included): one session [0,20]

        Assert.Equal(
            [
                At("a@0-0", "x", 0), At("a@20-20", "y", 20),
                At<string>("a@0-0", null!, 0), At<string>("a@20-20", null!, 20), At("a@0-20", "xyz", 20),
            ],
            driver.CreateOutputTopic("sessions", Serdes.String, Serdes.String).ReadRecordsToList());
        var store = driver.GetStateStore<IReadOnlySessionStore<string, string>>("sessions-store");
        Assert.Equal([KeyValuePair.Create(new Windowed<string>("a", new Window(0, 20)), "xyz")], store.Fetch("a"));
    }

    [Fact]
    public void Session_grows_while_records_arrive_within_the_gap()
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(SessionWindows.OfInactivityGapWithNoGrace(Ms(5)))
            .Count()
            .ToLabelledTopic("counts", Serdes.Long);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 1);
        input.PipeInput("a", "x", 6);
        input.PipeInput("a", "x", 12);

        // Count tombstones of merged-away sessions read as 0: the table's values are longs.
        Assert.Equal(
            [At("a@1-1", 1L, 1), At("a@1-1", 0L, 1), At("a@1-6", 2L, 6), At("a@12-12", 1L, 12)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Out_of_order_record_does_not_merge_a_session_that_already_closed()
    {
        using var driver = ConcatDriver(SessionWindows.OfInactivityGapWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "y", 20);
        input.PipeInput("a", "z", 10); // [0,0] closed once stream time passed 10; [20,20] is still open

        Assert.Equal(
            [At("a@0-0", "x", 0), At("a@20-20", "y", 20), At<string>("a@20-20", null!, 20), At("a@10-20", "yz", 20)],
            driver.CreateOutputTopic("sessions", Serdes.String, Serdes.String).ReadRecordsToList());
    }

    [Fact]
    public void Late_record_for_a_closed_session_is_dropped_and_counted()
    {
        using var driver = ConcatDriver(SessionWindows.OfInactivityGapWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "y", 30);
        input.PipeInput("a", "z", 5); // would extend [0,0] to [0,5], which closed at 0 + gap + grace < 30

        Assert.Equal([At("a@0-0", "x", 0), At("a@30-30", "y", 30)], driver.CreateOutputTopic("sessions", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Session_emit_on_close_emits_each_session_once_at_its_end()
    {
        using var driver = ConcatDriver(SessionWindows.OfInactivityGapAndGrace(Ms(10), Ms(5)), EmitStrategy.OnWindowClose());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("sessions", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 0);
        input.PipeInput("a", "y", 5);
        input.PipeInput("b", "z", 7);
        input.PipeInput("a", "w", 20); // close time 20 - 5 - 10 = 5: [0,5] ends at 5, not before it
        Assert.True(output.IsEmpty);

        input.PipeInput("a", "v", 23); // close time 8: [0,5] and [7,7] closed
        Assert.Equal([At("a@0-5", "xy", 5), At("b@7-7", "z", 7)], output.ReadRecordsToList());

        input.PipeInput("c", "u", 60);
        Assert.Equal([At("a@20-23", "wv", 23)], output.ReadRecordsToList());
    }

    [Fact]
    public void Session_store_retention_shorter_than_gap_plus_grace_fails_naming_the_store()
    {
        var windowed = new StreamsBuilder().Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(SessionWindows.OfInactivityGapAndGrace(Ms(10), Ms(5)));

        var error = Assert.Throws<ArgumentException>(() => windowed.Count(Materialized.As<string, long>(Stores.InMemorySessionStore("tiny-sessions", Ms(9)))));
        Assert.Contains("'tiny-sessions'", error.Message, StringComparison.Ordinal);
    }

    private static TopologyTestDriver ConcatDriver(SessionWindows windows, EmitStrategy emit)
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(windows)
            .EmitStrategy(emit)
            .Aggregate(() => "", (_, value, aggregate) => aggregate + value, (_, left, right) => left + right,
                Materialized.As<string, string>("sessions-store").WithValueSerde(Serdes.String))
            .ToLabelledTopic("sessions", Serdes.String);
        return new TopologyTestDriver(builder.Build());
    }
}
