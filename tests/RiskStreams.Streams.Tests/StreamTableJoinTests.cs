using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class StreamTableJoinTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);
    private static readonly Produced<string, string> Out = Produced.With(Serdes.String, Serdes.String);

    [Fact]
    public void Inner_join_emits_stream_records_whose_key_has_a_table_row_at_the_stream_record_time()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).Join(customers, (order, customer) => $"{order}/{customer}").To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        table.PipeInput("c1", "alice", 0);
        orders.PipeInput("c1", "o1", 10);
        orders.PipeInput("c2", "o2", 20);
        table.PipeInput("c2", "bob", 30);
        orders.PipeInput("c2", "o3", 40);
        table.PipeInput("c1", null!, 50);
        orders.PipeInput("c1", "o4", 60);

        Assert.Equal([R("c1", "o1/alice", 10), R("c2", "o3/bob", 40)], Read(driver));
        Assert.Equal(0, driver.DroppedRecordCount);
    }

    [Fact]
    public void Left_join_keeps_records_without_a_row_and_null_keys_while_null_values_are_dropped_and_counted()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).LeftJoin(customers, (order, customer) => $"{order}/{customer ?? "none"}").To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        driver.CreateInputTopic("customers", Serdes.String, Serdes.String).PipeInput("c1", "alice", 0);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        orders.PipeInput("c1", "o1", 10);
        orders.PipeInput("c2", "o2", 20);
        orders.PipeInput(null!, "o3", 30);
        orders.PipeInput("c1", null!, 40);

        Assert.Equal([R("c1", "o1/alice", 10), R("c2", "o2/none", 20), R(null!, "o3/none", 30)], Read(driver));
        Assert.Equal(1, driver.DroppedRecordCount);
    }

    [Fact]
    public void Inner_join_drops_and_counts_records_with_a_null_key_or_value()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).Join(customers, (order, customer) => $"{order}/{customer}").To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        orders.PipeInput(null!, "o1", 10);
        orders.PipeInput("c1", null!, 20);

        Assert.Empty(Read(driver));
        Assert.Equal(2, driver.DroppedRecordCount);
    }

    [Fact]
    public void Versioned_table_is_read_as_of_the_stream_record_timestamp()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("customers-store", TimeSpan.FromMinutes(1))));
        builder.Stream("orders", Strings).Join(customers, (order, customer) => $"{order}/{customer}").To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        table.PipeInput("c1", "v1", 100);
        table.PipeInput("c1", "v2", 200);
        orders.PipeInput("c1", "late-order", 150);
        orders.PipeInput("c1", "o", 250);
        table.PipeInput("c1", "v1.5", 120);
        orders.PipeInput("c1", "after-late-update", 300);
        orders.PipeInput("c1", "inside-late-update", 130);
        orders.PipeInput("c1", "before-any-version", 50);

        Assert.Equal(
            [R("c1", "late-order/v1", 150), R("c1", "o/v2", 250), R("c1", "after-late-update/v2", 300), R("c1", "inside-late-update/v1.5", 130)],
            Read(driver));
    }

    [Fact]
    public void Unversioned_table_is_read_at_its_latest_value_whatever_the_stream_record_timestamp()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).Join(customers, (order, customer) => $"{order}/{customer}").To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        table.PipeInput("c1", "v1", 100);
        table.PipeInput("c1", "v2", 200);
        table.PipeInput("c1", "v1.5", 120);
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("c1", "late-order", 150);

        Assert.Equal([R("c1", "late-order/v1.5", 150)], Read(driver));
    }

    [Fact]
    public void Join_grace_buffers_stream_records_until_stream_time_passes_their_time_plus_grace()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("customers-store", TimeSpan.FromMinutes(1))));
        builder.Stream("orders", Strings)
            .Join(customers, (order, customer) => $"{order}/{customer}", Joined.As<string, string, string>("orders-customers").WithGracePeriod(TimeSpan.FromMilliseconds(10)))
            .To("enriched", Out);
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String);

        table.PipeInput("c1", "v0", 40);
        orders.PipeInput("c1", "o1", 100);
        table.PipeInput("c1", "v1", 95);
        orders.PipeInput("c1", "o2", 105);
        Assert.Empty(output.ReadRecordsToList());

        orders.PipeInput("c1", "o3", 112);
        Assert.Equal([R("c1", "o1/v1", 100)], output.ReadRecordsToList());

        // Already older than stream time minus grace: joins at once, as of its own timestamp.
        orders.PipeInput("c1", "o0", 60);
        orders.PipeInput("c1", "o4", 120);
        Assert.Equal([R("c1", "o0/v0", 60), R("c1", "o2/v1", 105)], output.ReadRecordsToList());
        Assert.Contains("orders-customers-Buffer", topology.StoreNames);
    }

    [Fact]
    public void Join_grace_idle_release_joins_what_a_quiet_partition_holds_once_no_record_arrived_for_that_long()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("customers-store", TimeSpan.FromMinutes(1))));
        builder.Stream("orders", Strings)
            .Join(customers, (order, customer) => $"{order}/{customer}",
                Joined.As<string, string, string>("orders-customers").WithGracePeriod(TimeSpan.FromSeconds(10)).WithIdleRelease(TimeSpan.FromSeconds(2)))
            .To("enriched", Out);
        using var driver = new TopologyTestDriver(builder.Build());
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);
        var output = driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String);

        table.PipeInput("c1", "v0", 40);
        orders.PipeInput("c1", "o1", 100);
        orders.PipeInput("c1", "o2", 90);
        driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1500));
        Assert.Empty(output.ReadRecordsToList());

        // A record resets the idle time: still held 1.5 s after it.
        table.PipeInput("c1", "v1", 95);
        orders.PipeInput("c1", "o3", 101);
        driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(1500));
        Assert.Empty(output.ReadRecordsToList());

        // Quiet for 2 s: everything held joins in timestamp order, each as of its own time.
        driver.AdvanceWallClockTime(TimeSpan.FromMilliseconds(600));
        Assert.Equal([R("c1", "o2/v0", 90), R("c1", "o1/v1", 100), R("c1", "o3/v1", 101)], output.ReadRecordsToList());

        // Then stream time rules again: a new record waits for its grace.
        orders.PipeInput("c1", "o4", 102);
        Assert.Empty(output.ReadRecordsToList());
        orders.PipeInput("c1", "o5", 10_102);
        Assert.Equal([R("c1", "o4/v1", 102)], output.ReadRecordsToList());
    }

    [Fact]
    public void Join_grace_needs_a_versioned_table_with_enough_history()
    {
        var builder = new StreamsBuilder();
        var plain = builder.Table("plain", Strings, Materialized.As<string, string>("plain-store"));
        var versioned = builder.Table("versioned", Strings, Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("versioned-store", TimeSpan.FromMilliseconds(5))));
        var orders = builder.Stream("orders", Strings);
        var grace = Joined.As<string, string, string>("j").WithGracePeriod(TimeSpan.FromMilliseconds(10));

        Assert.Contains("plain-store", Assert.Throws<InvalidOperationException>(() => orders.Join(plain, (o, c) => o + c, grace)).Message, StringComparison.Ordinal);
        Assert.Contains("history retention", Assert.Throws<InvalidOperationException>(() => orders.Join(versioned, (o, c) => o + c, grace)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Join_after_select_key_inserts_a_repartition_and_records_the_copartition_group()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings)
            .SelectKey((_, v) => v.Split('|')[0])
            .Join(customers, (order, customer) => $"{order}/{customer}", Joined.With(Serdes.String, Serdes.String, Serdes.String).WithName("order-customer"))
            .To("enriched", Out);
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology, new TopologyTestDriverOptions { ApplicationId = "shop" });
        driver.CreateInputTopic("customers", Serdes.String, Serdes.String).PipeInput("c1", "alice", 0);
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("order-9", "c1|book", 10);

        Assert.Equal([R("c1", "c1|book/alice", 10)], Read(driver));
        Assert.Equal(["order-customer-repartition"], topology.RepartitionTopics);
        Assert.Contains("shop-order-customer-repartition", driver.ProducedTopicNames);
        var group = Assert.Single(topology.CopartitionGroups);
        Assert.Equal(["customers", "order-customer-repartition"], group.Order(StringComparer.Ordinal));
        Assert.Equal(2, topology.Describe().ToString().Split("Sub-topology:").Length - 1);
    }

    [Fact]
    public void Join_without_repartition_records_stream_and_table_topics_as_copartitioned()
    {
        var builder = new StreamsBuilder();
        var customers = builder.Table("customers", Strings);
        builder.Stream("orders", Strings).Join(customers, (order, customer) => $"{order}/{customer}").To("enriched", Out);
        var topology = builder.Build();

        Assert.Empty(topology.RepartitionTopics);
        Assert.Equal(["customers", "orders"], Assert.Single(topology.CopartitionGroups).Order(StringComparer.Ordinal));
        Assert.Single(topology.Describe().ToString().Split("Sub-topology:").Skip(1));
    }

    private static TestRecord<string, string> R(string key, string value, long timestamp) => new(key, value, timestamp);

    private static IReadOnlyList<TestRecord<string, string>> Read(TopologyTestDriver driver) =>
        driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String).ReadRecordsToList();
}
