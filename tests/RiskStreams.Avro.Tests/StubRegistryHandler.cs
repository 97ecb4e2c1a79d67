using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace RiskStreams.Avro.Tests;

/// <summary>
/// A registry that answers every registration with one fixed id and serves that id's schema, so
/// wire-format tests can use ids such as 258 that a fresh registry would not hand out.
/// </summary>
public sealed class StubRegistryHandler(int id, string schemaJson) : HttpMessageHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) => Answer(request);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Answer(request));

    private HttpResponseMessage Answer(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        JsonObject body;
        var status = HttpStatusCode.OK;
        if (request.Method == HttpMethod.Post && path.StartsWith("/subjects/", StringComparison.Ordinal))
        {
            body = new JsonObject { ["id"] = id };
        }
        else if (path == $"/schemas/ids/{id}")
        {
            body = new JsonObject { ["schema"] = schemaJson };
        }
        else
        {
            status = HttpStatusCode.NotFound;
            body = new JsonObject { ["error_code"] = 40403, ["message"] = "Schema not found" };
        }

        return new HttpResponseMessage(status)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, SchemaRegistryClient.ContentType),
        };
    }
}
