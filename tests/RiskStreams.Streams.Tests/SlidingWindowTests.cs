using RiskStreams.Streams.Testing;
using static RiskStreams.Streams.Tests.WindowTestKit;

namespace RiskStreams.Streams.Tests;

public sealed class SlidingWindowTests
{
    [Fact]
    public void Sliding_window_includes_both_ends()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 10);
        input.PipeInput("a", "x", 20);

        // 20 falls in 10's right window [11,21] (created now), and 20's own window [10,20] holds both records.
        Assert.Equal(
            [At("a@0-10", 1L, 10), At("a@11-21", 1L, 20), At("a@10-20", 2L, 20)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Previous_records_right_window_is_created_only_when_a_later_record_falls_in_it()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 10);
        input.PipeInput("a", "x", 25); // nothing in 10's right window [11,21]: not created
        input.PipeInput("a", "x", 26); // 26 falls in 25's right window [26,36]; [16,26] holds 25 and 26

        Assert.Equal(
            [At("a@0-10", 1L, 10), At("a@15-25", 1L, 25), At("a@26-36", 1L, 26), At("a@16-26", 2L, 26)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Out_of_order_record_within_grace_updates_older_windows_and_creates_its_right_window()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceAndGrace(Ms(10), Ms(20)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long);
        input.PipeInput("a", "x", 10);
        input.PipeInput("a", "x", 20);
        output.ReadRecordsToList();

        input.PipeInput("a", "x", 15);

        // Records 10, 15, 20: [11,21] = {15,20}, [10,20] = {10,15,20}, new [5,15] = {10,15}, new right window [16,26] = {20}.
        Assert.Equal(
            [At("a@11-21", 2L, 20), At("a@10-20", 3L, 20), At("a@5-15", 2L, 15), At("a@16-26", 1L, 20)],
            output.ReadRecordsToList());
        Assert.Equal(0, driver.DroppedRecordCount);
    }

    [Fact]
    public void Records_before_the_time_difference_share_the_window_starting_at_zero()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 3);
        input.PipeInput("a", "x", 8);
        input.PipeInput("a", "x", 15);

        Assert.Equal(
            [
                At("a@0-10", 1L, 3),
                At("a@4-14", 1L, 8), At("a@0-10", 2L, 8),
                At("a@9-19", 1L, 15), At("a@5-15", 2L, 15),
            ],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Sliding_late_record_is_dropped_and_counted_per_closed_window()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowUpdate());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        input.PipeInput("a", "x", 30);
        input.PipeInput("a", "x", 15); // even its right window [16,26] closed before stream time 30: dropped
        input.PipeInput("a", "x", 25); // its window [15,25] is closed (dropped, counted) but [20,30] is open

        Assert.Equal(
            [At("a@20-30", 1L, 30), At("a@20-30", 2L, 30), At("a@26-36", 1L, 30)],
            driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList());
        Assert.Equal(2, driver.DroppedRecordCount);
    }

    [Fact]
    public void Sliding_emit_on_close_emits_each_window_once_after_its_end()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowClose());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long);
        input.PipeInput("a", "x", 10);
        Assert.True(output.IsEmpty);

        input.PipeInput("a", "x", 20); // [0,10] includes its end, so it closes only once stream time passes 10
        Assert.Equal([At("a@0-10", 1L, 10)], output.ReadRecordsToList());

        input.PipeInput("b", "x", 30);
        Assert.Equal([At("a@10-20", 2L, 20), At("a@11-21", 1L, 20)], output.ReadRecordsToList());

        input.PipeInput("b", "x", 40);
        Assert.Equal([At("b@20-30", 1L, 30)], output.ReadRecordsToList());

        input.PipeInput("b", "x", 51);
        Assert.Equal([At("b@30-40", 2L, 40), At("b@31-41", 1L, 40)], output.ReadRecordsToList());
    }

    [Fact]
    public void Sliding_window_closes_one_millisecond_after_its_inclusive_end()
    {
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceWithNoGrace(Ms(10)), EmitStrategy.OnWindowClose());
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long);
        input.PipeInput("a", "x", 10);
        input.PipeInput("b", "x", 10); // stream time 10 = end of [0,10]: still open
        Assert.True(output.IsEmpty);

        input.PipeInput("b", "x", 11);
        Assert.Equal([At("a@0-10", 1L, 10), At("b@0-10", 1L, 10)], output.ReadRecordsToList());
    }

    [Fact]
    public void Sliding_reduce_sums_exactly_the_records_of_each_window()
    {
        var builder = new StreamsBuilder();
        builder.Stream("amounts", Consumed.With(Serdes.String, Serdes.Long))
            .GroupByKey()
            .WindowedBy(SlidingWindows.OfTimeDifferenceAndGrace(Ms(10), Ms(20)))
            .Reduce((a, b) => a + b)
            .ToLabelledTopic("sums", Serdes.Long);
        using var driver = new TopologyTestDriver(builder.Build());
        var input = driver.CreateInputTopic("amounts", Serdes.String, Serdes.Long);
        input.PipeInput("a", 1, 10);
        input.PipeInput("a", 2, 20);
        input.PipeInput("a", 4, 15);

        Assert.Equal(
            [
                At("a@0-10", 1L, 10),
                At("a@11-21", 2L, 20), At("a@10-20", 3L, 20),
                At("a@11-21", 6L, 20), At("a@10-20", 7L, 20), At("a@5-15", 5L, 15), At("a@16-26", 2L, 20),
            ],
            driver.CreateOutputTopic("sums", Serdes.String, Serdes.Long).ReadRecordsToList());
    }

    [Fact]
    public void Sliding_store_retention_must_cover_twice_the_time_difference_plus_grace()
    {
        var windowed = new StreamsBuilder().Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(SlidingWindows.OfTimeDifferenceAndGrace(Ms(10), Ms(5)));

        var error = Assert.Throws<ArgumentException>(() => windowed.Count(Materialized.As<string, long>("sliding-store").WithRetention(Ms(24))));
        Assert.Contains("'sliding-store'", error.Message, StringComparison.Ordinal);
        Assert.Contains("(25 ms)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Sliding_windows_hold_exactly_the_records_of_their_definition_for_shuffled_input(int seed)
    {
        const long d = 10;
        var random = new Random(seed);
        var times = Enumerable.Range(0, 60).Select(_ => (long)random.Next(0, 150)).ToList();
        using var driver = CountDriver(SlidingWindows.OfTimeDifferenceAndGrace(Ms(d), Ms(1000)), EmitStrategy.OnWindowUpdate(), "sliding-store");
        var input = driver.CreateInputTopic("events", Serdes.String, Serdes.String);
        foreach (var t in times)
        {
            input.PipeInput("a", "x", t);
        }

        // Kafka Streams' definition: each record's left window [t - d, t] ([0, d] before d), and the right
        // window [t + 1, t + 1 + d] of each record when a record falls in it; a window's timestamp is its latest record.
        var expected = new SortedDictionary<long, (long Count, long Timestamp)>();
        void Expect(long start)
        {
            var members = times.Where(t => t >= start && t <= start + d).ToList();
            if (members.Count > 0)
            {
                expected[start] = (members.Count, members.Max());
            }
        }

        foreach (var t in times)
        {
            Expect(Math.Max(0, t - d));
            Expect(t + 1);
        }

        var store = driver.GetStateStore<State.IReadOnlyWindowStore<string, long>>("sliding-store");
        Assert.Equal(expected.Select(e => KeyValuePair.Create(e.Key, e.Value.Count)), store.Fetch("a", 0, long.MaxValue));
        Assert.Equal(0, driver.DroppedRecordCount);

        // Every window's last update carries its latest record's timestamp.
        var lastUpdates = driver.CreateOutputTopic("counts", Serdes.String, Serdes.Long).ReadRecordsToList()
            .GroupBy(r => r.Key).ToDictionary(g => g.Key, g => g.Last());
        foreach (var (start, (count, timestamp)) in expected)
        {
            Assert.Equal(At($"a@{start}-{start + d}", count, timestamp), lastUpdates[$"a@{start}-{start + d}"]);
        }
    }

    private static TopologyTestDriver CountDriver(SlidingWindows windows, EmitStrategy emit, string? storeName = null)
    {
        var builder = new StreamsBuilder();
        builder.Stream("events", Consumed.With(Serdes.String, Serdes.String))
            .GroupByKey()
            .WindowedBy(windows)
            .EmitStrategy(emit)
            .Count(storeName is null ? null : Materialized.As<string, long>(storeName))
            .ToLabelledTopic("counts", Serdes.Long);
        return new TopologyTestDriver(builder.Build());
    }
}
