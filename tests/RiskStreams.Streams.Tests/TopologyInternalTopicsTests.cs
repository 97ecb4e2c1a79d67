namespace RiskStreams.Streams.Tests;

public sealed class TopologyInternalTopicsTests
{
    [Fact]
    public void Internal_topics_are_the_repartition_topic_and_the_store_changelog_with_the_source_partition_count()
    {
        var builder = new StreamsBuilder();
        builder.Stream("words", Consumed.With(Serdes.String, Serdes.String))
            .GroupBy((_, word) => word, Grouped.With(Serdes.String, Serdes.String).WithName("by-word"))
            .Count(Materialized.As<string, long>("word-counts"))
            .ToStream()
            .To("counts", Produced.With(Serdes.String, Serdes.Long));

        var topics = builder.Build().InternalTopics("wc", new Dictionary<string, int> { ["words"] = 6 });

        Assert.Equal(
            [
                new InternalTopicSpecification("wc-by-word-repartition", 6, InternalTopicKind.Repartition),
                new InternalTopicSpecification("wc-word-counts-changelog", 6, InternalTopicKind.Changelog),
            ],
            topics);
    }

    [Fact]
    public void Internal_topics_of_a_topology_with_a_missing_source_count_name_the_topic()
    {
        var builder = new StreamsBuilder();
        builder.Stream("words", Consumed.With(Serdes.String, Serdes.String)).To("copy", Produced.With(Serdes.String, Serdes.String));

        var error = Assert.Throws<InvalidOperationException>(() => builder.Build().InternalTopics("wc", new Dictionary<string, int>()));

        Assert.Equal("Source topics do not exist: 'words' (sub-topology 0). Create them before starting the application.", error.Message);
    }
}
