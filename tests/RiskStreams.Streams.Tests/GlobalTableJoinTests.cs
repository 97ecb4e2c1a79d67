using RiskStreams.Streams.Internal.Global;
using RiskStreams.Streams.State;
using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

public sealed class GlobalTableJoinTests
{
    private static readonly Consumed<string, string> Strings = Consumed.With(Serdes.String, Serdes.String);

    [Fact]
    public void Join_looks_up_the_global_table_by_the_key_the_selector_computes()
    {
        var builder = new StreamsBuilder();
        var customers = builder.GlobalTable("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings)
            .Join(customers, (_, order) => order.Split('|')[0], (order, customer) => $"{order}/{customer}")
            .To("enriched", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        var table = driver.CreateInputTopic("customers", Serdes.String, Serdes.String);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        table.PipeInput("c1", "alice", 0);
        orders.PipeInput("order-1", "c1|book", 10);
        orders.PipeInput("order-2", "c2|pen", 20);
        table.PipeInput("c2", "bob", 30);
        orders.PipeInput("order-3", "c2|ink", 40);

        Assert.Equal(
            [new("order-1", "c1|book/alice", 10), new TestRecord<string, string>("order-3", "c2|ink/bob", 40)],
            driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Equal([KeyValuePair.Create("c1", "alice"), KeyValuePair.Create("c2", "bob")], driver.GetKeyValueStore<string, string>("customers-store").All());
    }

    [Fact]
    public void Left_join_keeps_records_without_a_row_or_with_a_null_computed_key_and_joins_null_stream_keys_by_value()
    {
        var builder = new StreamsBuilder();
        var customers = builder.GlobalTable("customers", Strings);
        builder.Stream("orders", Strings)
            .LeftJoin(customers, (_, order) => order.Length == 0 ? null! : order, (key, order, customer) => $"{key}:{order}/{customer ?? "none"}")
            .To("enriched", Produced.With(Serdes.String, Serdes.String));
        using var driver = new TopologyTestDriver(builder.Build());
        driver.CreateInputTopic("customers", Serdes.String, Serdes.String).PipeInput("c1", "alice", 0);
        var orders = driver.CreateInputTopic("orders", Serdes.String, Serdes.String);

        orders.PipeInput("o1", "c1", 10);
        orders.PipeInput("o2", "c9", 20);
        orders.PipeInput("o3", "", 30);
        orders.PipeInput(null!, "c1", 40);

        Assert.Equal(
            ["o1:c1/alice", "o2:c9/none", "o3:/none", ":c1/alice"],
            driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String).ReadRecordsToList().Select(r => r.Value));
        Assert.Equal(0, driver.DroppedRecordCount);
    }

    [Fact]
    public void Global_store_is_filled_from_every_partition_and_is_no_task_source()
    {
        var builder = new StreamsBuilder();
        builder.GlobalTable("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).To("copy", Produced.With(Serdes.String, Serdes.String));
        var topology = builder.Build();
        var global = new GlobalStateManager(topology, "app", () => 0);
        global.Initialize();

        for (var partition = 0; partition < 3; partition++)
        {
            global.Process(new ConsumedRecord("customers", partition, 0, Serdes.String.Serialize("", $"c{partition}"), Serdes.String.Serialize("", $"name-{partition}"), 10, null));
        }

        var store = Assert.IsType<IKeyValueStore<string, string>>(global.FindStore("customers-store"), exactMatch: false);
        Assert.Equal(["c0", "c1", "c2"], store.All().Select(e => e.Key));
        Assert.Equal(["customers"], topology.GlobalTopics);
        Assert.Equal(["customers-store"], topology.GlobalStoreNames);
        Assert.Equal(["orders"], topology.SourceTopics);
        Assert.Empty(topology.StoreNames);
        Assert.Empty(topology.CopartitionGroups);
    }

    [Fact]
    public void Custom_processor_reads_a_connected_global_store_through_its_context()
    {
        var builder = new StreamsBuilder();
        builder.GlobalTable("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings)
            .Process(() => new CustomerLookup(), "lookup", "customers-store")
            .To("enriched", Produced.With(Serdes.String, Serdes.String));
        var topology = builder.Build();
        using var driver = new TopologyTestDriver(topology);
        driver.CreateInputTopic("customers", Serdes.String, Serdes.String).PipeInput("c1", "alice", 0);
        driver.CreateInputTopic("orders", Serdes.String, Serdes.String).PipeInput("c1", "o1", 10);

        Assert.Equal([new TestRecord<string, string>("c1", "o1/alice", 10)], driver.CreateOutputTopic("enriched", Serdes.String, Serdes.String).ReadRecordsToList());
        Assert.Empty(topology.StoreNames);
    }

    [Fact]
    public void Describe_prints_the_global_store_as_a_sub_topology_without_tasks()
    {
        var builder = new StreamsBuilder();
        var customers = builder.GlobalTable("customers", Strings, Materialized.As<string, string>("customers-store"));
        builder.Stream("orders", Strings).Join(customers, (k, _) => k, (o, c) => o + c).To("enriched", Produced.With(Serdes.String, Serdes.String));

        var text = builder.Build().Describe().ToString();

        Assert.EndsWith(
            "   Sub-topology: 1 for global store (will not generate tasks)\n" +
            "    Source: KSTREAM-SOURCE-0000000000 (topics: [customers])\n" +
            "      --> KTABLE-SOURCE-0000000001\n" +
            "    Processor: KTABLE-SOURCE-0000000001 (stores: [customers-store])\n" +
            "      --> none\n" +
            "      <-- KSTREAM-SOURCE-0000000000\n",
            text,
            StringComparison.Ordinal);
        Assert.Contains("Processor: KSTREAM-JOIN-0000000003 (stores: [])", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Global_table_rejects_a_versioned_store_and_a_topic_already_read_by_a_stream()
    {
        var builder = new StreamsBuilder();
        builder.Stream("orders", Strings);

        Assert.Throws<InvalidOperationException>(() =>
            builder.GlobalTable("customers", Strings, Materialized.As<string, string>(Stores.InMemoryVersionedKeyValueStore("v", TimeSpan.FromMinutes(1)))));
        Assert.Contains("orders", Assert.Throws<InvalidOperationException>(() => builder.GlobalTable("orders", Strings)).Message, StringComparison.Ordinal);
    }

    private sealed class CustomerLookup : IProcessor<string, string, string, string>
    {
        private IProcessorContext<string, string> _context = null!;
        private IReadOnlyKeyValueStore<string, string> _customers = null!;

        public void Init(IProcessorContext<string, string> context)
        {
            _context = context;
            _customers = context.GetStateStore<IReadOnlyKeyValueStore<string, string>>("customers-store");
        }

        public void Process(Record<string, string> record)
        {
            _customers.TryGet(record.Key, out var customer);
            _context.Forward(record.WithValue($"{record.Value}/{customer}"));
        }
    }
}
