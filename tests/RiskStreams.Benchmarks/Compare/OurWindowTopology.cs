using RiskStreams.Streams;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>The generic window topology on RiskStreams: (string, long) records grouped by key, windowed, count+sum, every update to the output.</summary>
internal static class OurWindowTopology
{
    public const string StoreName = "window-count-sum";

    public static readonly TimeSpan Size = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Advance = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Gap = TimeSpan.FromMinutes(5);

    public static Streams.Topology Build(WindowKind kind, StoreType store, string inputTopic, string outputTopic)
    {
        var builder = new StreamsBuilder();
        var grouped = builder.Stream(inputTopic, Consumed.With(Serdes.String, Serdes.Long)).GroupByKey();
        var materialized = Materialized.As<string, CountSum>(StoreName).WithStoreType(store).WithKeySerde(Serdes.String).WithValueSerde(CountSum.Serde);
        if (kind == WindowKind.Session)
        {
            grouped.WindowedBy(SessionWindows.OfInactivityGapWithNoGrace(Gap))
                .Aggregate(static () => default(CountSum), static (_, amount, a) => a.Add(amount), static (_, a, b) => new CountSum(a.Count + b.Count, a.Sum + b.Sum), materialized)
                .ToStream()
                .To(outputTopic, Produced.With(WindowedSerdes.SessionWindowed(Serdes.String), CountSum.Serde));
            return builder.Build();
        }

        var windowed = kind switch
        {
            WindowKind.Tumbling => grouped.WindowedBy(TimeWindows.OfSizeWithNoGrace(Size)),
            WindowKind.Hopping => grouped.WindowedBy(TimeWindows.OfSizeWithNoGrace(Size).AdvanceBy(Advance)),
            _ => grouped.WindowedBy(SlidingWindows.OfTimeDifferenceWithNoGrace(Size)),
        };
        // Retention = window size (no grace), as on Streamiz; sliding windows keep the engine's default.
        windowed.Aggregate(static () => default(CountSum), static (_, amount, a) => a.Add(amount), kind == WindowKind.Sliding ? materialized : materialized.WithRetention(Size))
            .ToStream()
            .To(outputTopic, Produced.With(WindowedSerdes.TimeWindowed(Serdes.String, Size), CountSum.Serde));
        return builder.Build();
    }
}
