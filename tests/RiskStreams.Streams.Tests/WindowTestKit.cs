using RiskStreams.Streams.Testing;

namespace RiskStreams.Streams.Tests;

/// <summary>Helpers of the window tests: windowed keys as readable <c>key@start-end</c> strings.</summary>
internal static class WindowTestKit
{
    public static string Label<TKey>(Windowed<TKey> windowed) => $"{windowed.Key}@{windowed.Window.StartMs}-{windowed.Window.EndMs}";

    /// <summary>Writes the table's updates to <paramref name="topic"/> keyed by <c>key@start-end</c>.</summary>
    public static void ToLabelledTopic<TValue>(this KTable<Windowed<string>, TValue> table, string topic, Serde<TValue> valueSerde) =>
        table.ToStream()
            .Map((windowed, value) => KeyValuePair.Create(Label(windowed), value))
            .To(topic, Produced.With(Serdes.String, valueSerde));

    public static TestRecord<string, TValue> At<TValue>(string label, TValue value, long timestamp) => new(label, value, timestamp);

    public static TimeSpan Ms(long milliseconds) => TimeSpan.FromMilliseconds(milliseconds);
}
