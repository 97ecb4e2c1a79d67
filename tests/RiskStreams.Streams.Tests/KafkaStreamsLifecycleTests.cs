namespace RiskStreams.Streams.Tests;

public sealed class KafkaStreamsLifecycleTests
{
    private static readonly StreamsOptions Valid = new() { ApplicationId = "app", BootstrapServers = "127.0.0.1:1" };

    [Theory]
    [InlineData(nameof(StreamsOptions.NumStreamThreads))]
    [InlineData(nameof(StreamsOptions.MaxTaskIdle))]
    public void Invalid_options_are_refused_at_construction_naming_the_field(string field)
    {
        var options = field == nameof(StreamsOptions.NumStreamThreads)
            ? Valid with { NumStreamThreads = 0 }
            : Valid with { MaxTaskIdle = TimeSpan.FromMilliseconds(-1) };

        var error = Assert.Throws<ArgumentException>(() => new KafkaStreams(Topology(), options));

        Assert.Equal(field, error.ParamName);
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_before_start_ends_not_running_and_start_is_refused_afterwards()
    {
        var streams = new KafkaStreams(Topology(), Valid);
        var states = new List<StreamsState>();
        streams.StateChanged += (_, state) => states.Add(state);

        await streams.CloseAsync();

        Assert.Equal([StreamsState.NotRunning], states);
        Assert.True(streams.Completion.IsCompletedSuccessfully);
        Assert.Throws<InvalidOperationException>(streams.Start);
    }

    [Fact]
    public void Unknown_store_name_is_refused_when_asked_for()
    {
        var streams = new KafkaStreams(Topology(), Valid);

        var error = Assert.Throws<ArgumentException>(() => streams.KeyValueStore<string, string>("nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    private static Topology Topology()
    {
        var builder = new StreamsBuilder();
        builder.Stream("in", Consumed.With(Serdes.String, Serdes.String)).To("out");
        return builder.Build();
    }
}
