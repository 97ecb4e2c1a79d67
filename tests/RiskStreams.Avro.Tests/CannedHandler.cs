using System.Net;
using System.Text;

namespace RiskStreams.Avro.Tests;

/// <summary>Answers every request with the same status and body.</summary>
public sealed class CannedHandler(HttpStatusCode status, string body, string contentType = "text/plain") : HttpMessageHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
