using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class StreamStreamJoinTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);

    private enum Kind
    {
        Inner,
        Left,
        Outer,
    }

    [Fact]
    public void Inner_join_includes_both_window_edges_and_excludes_one_beyond()
    {
        using var driver = Driver(Kind.Inner, JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10)));
        var (left, right) = Inputs(driver);

        left.PipeInput("k", "L1", 100);
        right.PipeInput("k", "R90", 90);
        right.PipeInput("k", "R89", 89);
        right.PipeInput("k", "R111", 111);
        right.PipeInput("k", "R110", 110);
        right.PipeInput("other", "Rx", 100);

        Assert.Equal([R("k", "L1+R90", 100), R("k", "L1+R110", 110)], Read(driver));
        Assert.Equal(0, driver.DroppedRecordCount);
    }

    [Fact]
    public void Before_and_after_bounds_are_asymmetric_and_seen_reversed_from_the_other_side()
    {
        // Left at t joins right in [t - 10, t + 20]; equivalently right at t joins left in [t - 20, t + 10].
        var windows = JoinWindows.OfTimeDifferenceAndGrace(TimeSpan.Zero, Ms(1000)).Before(Ms(10)).After(Ms(20));
        using var driver = Driver(Kind.Inner, windows);
        var (left, right) = Inputs(driver);

        left.PipeInput("k", "L", 100);
        right.PipeInput("k", "R89", 89);
        right.PipeInput("k", "R90", 90);
        right.PipeInput("k", "R120", 120);
        right.PipeInput("k", "R121", 121);
        right.PipeInput("k", "R200", 200);
        left.PipeInput("k", "L181", 181);
        left.PipeInput("k", "L179", 179);
        left.PipeInput("k", "L210", 210);
        left.PipeInput("k", "L211", 211);

        Assert.Equal(
            [R("k", "L+R90", 100), R("k", "L+R120", 120), R("k", "L181+R200", 200), R("k", "L210+R200", 210)],
            Read(driver));
    }

    [Fact]
    public void Left_join_emits_an_unmatched_record_only_after_its_window_and_grace_have_closed()
    {
        using var driver = Driver(Kind.Left, JoinWindows.OfTimeDifferenceAndGrace(Ms(10), Ms(5)));
        var (left, right) = Inputs(driver);
        var output = Output(driver);

        left.PipeInput("k", "L1", 100);
        right.PipeInput("x", "Rx", 112);
        right.PipeInput("x", "Rx", 115);
        Assert.Empty(output.ReadRecordsToList());

        right.PipeInput("x", "Rx", 116);
        Assert.Equal([R("k", "L1+null", 100)], output.ReadRecordsToList());

        // A record that finds its partner later is never emitted without it.
        left.PipeInput("k", "L2", 120);
        right.PipeInput("k", "R2", 125);
        right.PipeInput("x", "Rx", 200);
        Assert.Equal([R("k", "L2+R2", 125)], output.ReadRecordsToList());
    }

    [Fact]
    public void Left_join_emits_a_record_whose_window_ended_before_it_arrived_at_once()
    {
        using var driver = Driver(Kind.Left, JoinWindows.OfTimeDifferenceAndGrace(Ms(10), Ms(100)));
        var (left, right) = Inputs(driver);

        right.PipeInput("x", "Rx", 200);
        left.PipeInput("k", "L", 150);

        Assert.Equal([R("k", "L+null", 150)], Read(driver));
    }

    [Fact]
    public void Outer_join_emits_unmatched_records_of_both_sides_each_after_its_own_window_closes()
    {
        // Left records close at t + 20, right records at t + 5.
        var windows = JoinWindows.OfTimeDifferenceWithNoGrace(TimeSpan.Zero).Before(Ms(5)).After(Ms(20));
        using var driver = Driver(Kind.Outer, windows);
        var (left, right) = Inputs(driver);
        var output = Output(driver);

        left.PipeInput("a", "La", 100);
        right.PipeInput("b", "Rb", 100);
        right.PipeInput("x", "Rx", 105);
        Assert.Empty(output.ReadRecordsToList());

        left.PipeInput("y", "Ly", 106);
        Assert.Equal([R("b", "null+Rb", 100)], output.ReadRecordsToList());

        right.PipeInput("z", "Rz", 121);
        Assert.Equal([R("a", "La+null", 100), R("x", "null+Rx", 105)], output.ReadRecordsToList());
    }

    [Fact]
    public void Late_record_beyond_window_and_grace_is_not_buffered_and_is_counted()
    {
        // Retention = before + after + grace = 20: a left record at or before left stream time - 20 is expired.
        using var driver = Driver(Kind.Inner, JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10)));
        var (left, right) = Inputs(driver);

        left.PipeInput("k", "L100", 100);
        left.PipeInput("k", "L80", 80);
        left.PipeInput("k", "L81", 81);
        right.PipeInput("k", "R85", 85);

        Assert.Equal([R("k", "L81+R85", 85)], Read(driver));
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Left_join_keeps_null_key_records_at_once_and_inner_join_drops_and_counts_them()
    {
        using var leftJoin = Driver(Kind.Left, JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10)));
        Inputs(leftJoin).Left.PipeInput(null!, "L", 100);
        Inputs(leftJoin).Right.PipeInput(null!, "R", 100);
        Assert.Equal([R(null!, "L+null", 100)], Read(leftJoin));
        Assert.Equal(1, leftJoin.DroppedRecordCount);

        using var inner = Driver(Kind.Inner, JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10)));
        Inputs(inner).Left.PipeInput(null!, "L", 100);
        Inputs(inner).Left.PipeInput("k", null!, 100);
        Assert.Empty(Read(inner));
        Assert.Equal(2, inner.DroppedRecordCount);
    }

    [Fact]
    public void Join_after_select_key_repartitions_that_side_and_names_stores_after_the_join()
    {
        var builder = new StreamsBuilder();
        var right = builder.Stream("payments", Strings);
        builder.Stream("orders", Strings)
            .SelectKey((_, v) => v.Split('|')[0])
            .LeftJoin(right, (o, p) => $"{o}+{p}", JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10)),
                StreamJoined.With(Serdes.String, Serdes.String, Serdes.String).WithName("order-payment"))
            .To("out", Produced.With(Serdes.String, Serdes.String));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology, new TopologyTestDriverOptions { ApplicationId = "shop" });
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("order-1", "acct-7|book", 100);
        driver.CreateInputTopic("payments", Serdes.String, Serdes.String).PipeInput("acct-7", "paid", 105);

        Assert.Equal([R("acct-7", "acct-7|book+paid", 105)], Read(driver, "out"));
        Assert.Equal(["order-payment-left-repartition"], topology.RepartitionTopics);
        Assert.Contains("shop-order-payment-left-repartition", driver.ProducedTopicNames);
        Assert.Equal(["order-payment-left-repartition", "payments"], Assert.Single(topology.CopartitionGroups).Order(StringComparer.Ordinal));
        Assert.Equal(
            ["order-payment-outer-other-join-store", "order-payment-outer-shared-join-store", "order-payment-this-join-store"],
            topology.StoreNames.Order(StringComparer.Ordinal));
        Assert.Contains("Processor: order-payment-join-this", topology.Describe().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unnamed_inner_join_uses_kafka_generated_node_and_store_names()
    {
        var builder = new StreamsBuilder();
        var left = builder.Stream("left", Strings);
        var right = builder.Stream("right", Strings);
        left.Join(right, (l, r) => l + r, JoinWindows.OfTimeDifferenceWithNoGrace(Ms(10))).To("out", Produced.With(Serdes.String, Serdes.String));
        var topology = builder.Build();

        Assert.Equal(["KSTREAM-JOINOTHER-0000000003-store", "KSTREAM-JOINTHIS-0000000002-store"], topology.StoreNames.Order(StringComparer.Ordinal));
        Assert.Contains("KSTREAM-MERGE-0000000004", topology.Describe().ToString(), StringComparison.Ordinal);
        Assert.Equal(["left", "right"], Assert.Single(topology.CopartitionGroups).Order(StringComparer.Ordinal));
    }

    private static TimeSpan Ms(long ms) => TimeSpan.FromMilliseconds(ms);

    private static TestRecord<string, string> R(string key, string value, long timestamp) => new(key, value, timestamp);

    private static TopologyTestDriver Driver(Kind kind, JoinWindows windows)
    {
        var builder = new StreamsBuilder();
        var left = builder.Stream("left", Strings);
        var right = builder.Stream("right", Strings);
        Func<string, string, string> joiner = (l, r) => $"{l ?? "null"}+{r ?? "null"}";
        var joined = kind switch
        {
            Kind.Inner => left.Join(right, joiner, windows),
            Kind.Left => left.LeftJoin(right, joiner, windows),
            _ => left.OuterJoin(right, joiner, windows),
        };
        joined.To("joined", Produced.With(Serdes.String, Serdes.String));
        return new TopologyTestDriver(builder.Build());
    }

    private static (TestInputTopic<string, string> Left, TestInputTopic<string, string> Right) Inputs(TopologyTestDriver driver) =>
        (driver.CreateInputTopic("left", Serdes.String, Serdes.String), driver.CreateInputTopic("right", Serdes.String, Serdes.String));

    private static TestOutputTopic<string, string> Output(TopologyTestDriver driver, string topic = "joined") => driver.CreateOutputTopic(topic, Serdes.String, Serdes.String);

    private static IReadOnlyList<TestRecord<string, string>> Read(TopologyTestDriver driver, string topic = "joined") => Output(driver, topic).ReadRecordsToList();
}
