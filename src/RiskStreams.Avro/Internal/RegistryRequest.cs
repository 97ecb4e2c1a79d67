using System.Text.Json;

namespace RiskStreams.Avro.Internal;

/// <summary>One Schema Registry call: method, path relative to the base URL and optional JSON body.</summary>
internal sealed record RegistryRequest(HttpMethod Method, string Path, byte[]? Body)
{
    internal static RegistryRequest Get(string path) => new(HttpMethod.Get, path, null);

    /// <summary>A POST with body <c>{"schema": "..."}</c>.</summary>
    internal static RegistryRequest PostSchema(string path, string schemaJson)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", schemaJson);
            writer.WriteEndObject();
        }

        return new(HttpMethod.Post, path, buffer.ToArray());
    }

    internal static string SubjectPath(string subject, string suffix) =>
        $"subjects/{Uri.EscapeDataString(subject)}{suffix}";

    public override string ToString() => $"{Method} /{Path}";
}
