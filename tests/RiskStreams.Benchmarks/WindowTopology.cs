using RiskStreams.Streams;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The topology of the window scenarios: (string key, long amount) records, grouped by key, hopping windows of
/// 10 minutes advancing by 1 minute, count and sum in one aggregate, every update forwarded to the output topic.
/// </summary>
internal static class WindowTopology
{
    public const string InputTopic = "bench-window-input";
    public const string OutputTopic = "bench-window-output";
    public const string StoreName = "window-count-sum";

    public static readonly TimeSpan Size = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Advance = TimeSpan.FromMinutes(1);

    public static Streams.Topology Build(WindowStoreVariant variant, string inputTopic = InputTopic, string outputTopic = OutputTopic)
    {
        var windows = TimeWindows.OfSizeWithNoGrace(Size).AdvanceBy(Advance);
        var builder = new StreamsBuilder();
        builder.Stream(inputTopic, Consumed.With(Serdes.String, Serdes.Long))
            .GroupByKey()
            .WindowedBy(windows)
            .Aggregate(static () => default(CountSum), static (_, amount, aggregate) => aggregate.Add(amount), variant.Materialize(StoreName, Size, Size))
            .ToStream()
            .To(outputTopic, Produced.With(WindowedSerdes.TimeWindowed(Serdes.String, Size), CountSum.Serde));
        return builder.Build();
    }
}
