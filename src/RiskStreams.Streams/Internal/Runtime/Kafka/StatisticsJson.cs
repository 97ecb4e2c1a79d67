using System.Text.Json;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>Reading librdkafka's statistics reports (JSON), which the engine's health and lag figures come from.</summary>
internal static class StatisticsJson
{
    /// <summary>
    /// <paramref name="read"/> applied to the object named <paramref name="property"/> at the top of the report; the default of
    /// <typeparamref name="T"/> when the report cannot be parsed or has no such object.
    /// </summary>
    public static T ReadObject<T>(string json, string property, Func<JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return default!;
        }

        using (document)
        {
            return document.RootElement.TryGetProperty(property, out var element) && element.ValueKind == JsonValueKind.Object
                ? read(element)
                : default!;
        }
    }
}
