using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams.Tests;

public sealed class TopicPlannerTests
{
    [Fact]
    public void Repartition_topic_takes_the_partition_count_of_the_subtopology_writing_it()
    {
        var builder = new StreamsBuilder();
        builder.Stream("lines", Consumed.With(Serdes.String, Serdes.String))
            .GroupBy((_, v) => v, Grouped.With(Serdes.String, Serdes.String).WithName("by-word"))
            .Count()
            .ToStream()
            .To("counts", Produced.With(Serdes.String, Serdes.Long));

        var plan = TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["lines"] = 3 });

        Assert.Equal([("app-by-word-repartition", 3)], plan.InternalTopics);
        Assert.Equal(["lines", "app-by-word-repartition"], plan.AnchorTopics);
        Assert.Equal([3, 3], plan.Subtopologies.Select(s => s.Partitions));
    }

    [Fact]
    public void Records_re_keyed_out_of_a_subtopology_and_joined_back_into_it_form_a_cycle_that_takes_the_user_topic_count()
    {
        var builder = new StreamsBuilder();
        var orders = builder.Stream("orders", Consumed.With(Serdes.String, Serdes.String));
        var back = orders
            .SelectKey((_, v) => v)
            .RepartitionThrough("by-customer", Serdes.String, Serdes.String)
            .MapValues(v => v + "!")
            .SelectKey((_, v) => v)
            .RepartitionThrough("back-by-order", Serdes.String, Serdes.String);
        orders.Merge(back).To("out");

        var plan = TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["orders"] = 4 });

        Assert.Equal([("app-back-by-order-repartition", 4), ("app-by-customer-repartition", 4)], plan.InternalTopics);
        Assert.Equal([4, 4], plan.Subtopologies.Select(s => s.Partitions));
    }

    [Fact]
    public void Repartition_topic_read_beside_a_user_topic_takes_the_user_topic_count()
    {
        var builder = new StreamsBuilder();
        var rekeyed = builder.Stream("orders", Consumed.With(Serdes.String, Serdes.String))
            .SelectKey((_, v) => v)
            .RepartitionThrough("by-customer", Serdes.String, Serdes.String);
        rekeyed.Merge(builder.Stream("customers", Consumed.With(Serdes.String, Serdes.String))).To("out");

        var plan = TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["orders"] = 2, ["customers"] = 5 });

        Assert.Equal([("app-by-customer-repartition", 5)], plan.InternalTopics);
        Assert.Equal(["app-by-customer-repartition", "customers"], plan.Subtopologies[1].SourceTopics);
    }

    [Fact]
    public void Source_topics_of_one_subtopology_with_different_partition_counts_are_refused_naming_both()
    {
        var builder = new StreamsBuilder();
        builder.Stream("left", Consumed.With(Serdes.String, Serdes.String))
            .Merge(builder.Stream("right", Consumed.With(Serdes.String, Serdes.String)))
            .To("out");

        var error = Assert.Throws<InvalidOperationException>(() =>
            TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int> { ["left"] = 2, ["right"] = 4 }));

        Assert.Equal(
            "Sub-topology 0 reads topics that must be co-partitioned (the same number of partitions) but are not: 'left' (2 partitions), 'right' (4 partitions).",
            error.Message);
    }

    [Fact]
    public void Missing_source_topic_is_refused_by_name()
    {
        var builder = new StreamsBuilder();
        builder.Stream("absent", Consumed.With(Serdes.String, Serdes.String)).To("out");

        var error = Assert.Throws<InvalidOperationException>(() => TopicPlanner.Plan(builder.Build(), "app", new Dictionary<string, int>()));

        Assert.Contains("'absent' (sub-topology 0)", error.Message, StringComparison.Ordinal);
    }
}
