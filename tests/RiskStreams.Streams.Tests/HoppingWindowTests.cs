using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class HoppingWindowTests
{
    [Fact]
    public void Hopping_window_membership_is_every_epoch_aligned_window_containing_the_record()
    {
        var hopping = TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(5));
        Assert.Equal([new Window(0, 10)], hopping.WindowsFor(3));
        Assert.Equal([new Window(0, 10), new Window(5, 15)], hopping.WindowsFor(7));
        Assert.Equal([new Window(5, 15), new Window(10, 20)], hopping.WindowsFor(10));

        // Size not a multiple of the advance: starts 3, 6, 9 contain 10; start 0 ends at 10 (exclusive).
        Assert.Equal([new Window(3, 13), new Window(6, 16), new Window(9, 19)], TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(3)).WindowsFor(10));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(11)));
    }

    [Fact]
    public void Hopping_count_updates_every_window_of_the_record_by_ascending_start()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(5)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 3);
        input.PipeInput("a", "x", 7);
        input.PipeInput("a", "x", 12);

        Assert.Equal(
            [
                At("a@0-10", 1L, 3),
                At("a@0-10", 2L, 7), At("a@5-15", 1L, 7),
                At("a@5-15", 2L, 12), At("a@10-20", 1L, 12),
            ],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Hopping_late_record_is_dropped_for_each_closed_window_and_kept_for_open_ones()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(5)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 14);
        input.PipeInput("a", "x", 9); // [0,10) closed at stream time 14 (dropped, counted); [5,15) still open

        Assert.Equal(
            [At("a@5-15", 1L, 14), At("a@10-20", 1L, 14), At("a@5-15", 2L, 14)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Hopping_emit_on_close_emits_overlapping_windows_once_each_in_start_order()
    {
        using var driver = CountDriver(TimeWindows.OfSizeWithNoGrace(Ms(10)).AdvanceBy(Ms(5)), EmitStrategy.OnWindowClose());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long);
        input.PipeInput("a", "x", 1);
        input.PipeInput("a", "x", 6);
        input.PipeInput("a", "x", 11); // [0,10) closes
        Assert.Equal([At("a@0-10", 2L, 6)], output.ReadRecordsToList());

        input.PipeInput("a", "x", 16); // [5,15) closes
        Assert.Equal([At("a@5-15", 2L, 11)], output.ReadRecordsToList());

        input.PipeInput("a", "x", 30); // [10,20) and [15,25) close; [20,30) never had a record
        Assert.Equal([At("a@10-20", 2L, 16), At("a@15-25", 1L, 16)], output.ReadRecordsToList());
    }

    private static TopologyTestDriver CountDriver(TimeWindows windows, EmitStrategy emit)
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(windows)
            .EmitStrategy(emit)
            .Count()
            .ToLabelledTopic("counts", Serdes.Long);
        return new TopologyTestDriver(builder.Build());
    }
}
