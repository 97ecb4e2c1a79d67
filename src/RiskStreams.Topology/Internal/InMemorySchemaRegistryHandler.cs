using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using RiskStreams.Avro;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// The two Schema Registry calls the Avro serdes make — register a schema under a subject and fetch a
/// schema by id — answered in memory, so a backtest needs no registry, no socket and no port. Ids are
/// registry-wide, one per distinct schema text, as a real registry issues them.
/// </summary>
internal sealed class InMemorySchemaRegistryHandler : HttpMessageHandler
{
    /// <summary>A base URL the client accepts; nothing ever connects to it.</summary>
    public const string Url = "http://in-memory-registry.invalid/";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _idsBySchema = new(StringComparer.Ordinal);
    private readonly List<string> _schemas = [];

    /// <summary>A registry client over a new in-memory registry (the client owns and disposes the handler).</summary>
    public static SchemaRegistryClient CreateClient() =>
        new(new SchemaRegistryOptions { Url = Url }, new InMemorySchemaRegistryHandler(), disposeHandler: true);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? "";
        if (request.Method == HttpMethod.Post && path.StartsWith("/subjects/", StringComparison.Ordinal) && path.EndsWith("/versions", StringComparison.Ordinal))
        {
            using var body = JsonDocument.Parse(request.Content!.ReadAsStream(cancellationToken));
            return Json(HttpStatusCode.OK, new { id = Register(body.RootElement.GetProperty("schema").GetString()!) });
        }

        const string byId = "/schemas/ids/";
        if (request.Method == HttpMethod.Get && path.StartsWith(byId, StringComparison.Ordinal)
            && int.TryParse(path[byId.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            lock (_gate)
            {
                return id >= 1 && id <= _schemas.Count
                    ? Json(HttpStatusCode.OK, new { schema = _schemas[id - 1] })
                    : Json(HttpStatusCode.NotFound, new { error_code = 40403, message = "Schema not found" });
            }
        }

        return Json(HttpStatusCode.NotFound, new { error_code = 404, message = $"{request.Method} {path} is not served by the in-memory registry" });
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));

    private int Register(string schema)
    {
        lock (_gate)
        {
            if (!_idsBySchema.TryGetValue(schema, out var id))
            {
                _schemas.Add(schema);
                id = _schemas.Count;
                _idsBySchema.Add(schema, id);
            }

            return id;
        }
    }

    private static HttpResponseMessage Json(HttpStatusCode status, object body) => new(status)
    {
        Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, SchemaRegistryClient.ContentType),
    };
}
