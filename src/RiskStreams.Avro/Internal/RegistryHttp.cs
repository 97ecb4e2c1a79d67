using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// HTTP transport of the registry client: base-URL failover, Basic auth, per-request timeout,
/// and the registry's error body turned into <see cref="SchemaRegistryException"/>. Offers a truly
/// synchronous path (<see cref="HttpClient.Send(HttpRequestMessage, CancellationToken)"/>) for the
/// serdes, which run on the poll thread, beside the async one.
/// </summary>
internal sealed class RegistryHttp : IDisposable
{
    internal const string ContentType = "application/vnd.schemaregistry.v1+json";
    private const string Accept = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly TimeSpan _timeout;
    private int _preferredUrl;

    internal RegistryHttp(SchemaRegistryOptions options, HttpMessageHandler handler, bool disposeHandler)
    {
        _urls = options.GetUrls();
        _timeout = options.RequestTimeout;
        _authorization = options.BasicAuthUserInfo is { } userInfo
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)))
            : null;
        _http = new HttpClient(handler, disposeHandler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    internal JsonDocument Send(RegistryRequest request, CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        foreach (var url in UrlsInOrder())
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                using var message = CreateMessage(url, request);
                using var response = _http.Send(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                using var body = response.Content.ReadAsStream(timeout.Token);
                var document = ReadBody(request, response, body);
                Remember(url);
                return document;
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                lastFailure = ex;
            }
        }

        throw Unreachable(request, lastFailure);
    }

    internal async Task<JsonDocument> SendAsync(RegistryRequest request, CancellationToken cancellationToken)
    {
        Exception? lastFailure = null;
        foreach (var url in UrlsInOrder())
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_timeout);
            try
            {
                using var message = CreateMessage(url, request);
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
                await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
                var document = response.IsSuccessStatusCode
                    ? await ParseAsync(request, body, timeout.Token)
                    : ReadBody(request, response, body);
                Remember(url);
                return document;
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                lastFailure = ex;
            }
        }

        throw Unreachable(request, lastFailure);
    }

    public void Dispose() => _http.Dispose();

    private IEnumerable<Uri> UrlsInOrder()
    {
        var first = Volatile.Read(ref _preferredUrl);
        for (var i = 0; i < _urls.Count; i++)
        {
            yield return _urls[(first + i) % _urls.Count];
        }
    }

    private void Remember(Uri url)
    {
        for (var i = 0; i < _urls.Count; i++)
        {
            if (ReferenceEquals(_urls[i], url))
            {
                Volatile.Write(ref _preferredUrl, i);
                return;
            }
        }
    }

    private HttpRequestMessage CreateMessage(Uri baseUrl, RegistryRequest request)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(baseUrl, request.Path));
        message.Headers.TryAddWithoutValidation("Accept", Accept);
        message.Headers.Authorization = _authorization;
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
        }

        return message;
    }

    private static JsonDocument ReadBody(RegistryRequest request, HttpResponseMessage response, Stream body)
    {
        if (response.IsSuccessStatusCode)
        {
            try
            {
                return JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw NotJson(request, ex);
            }
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        throw ToException(request, response.StatusCode, reader.ReadToEnd());
    }

    private static async Task<JsonDocument> ParseAsync(RegistryRequest request, Stream body, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            throw NotJson(request, ex);
        }
    }

    private static SchemaRegistryException NotJson(RegistryRequest request, JsonException ex) =>
        new($"Schema Registry {request} answered with a body that is not JSON: {ex.Message}", ex);

    private static SchemaRegistryException ToException(RegistryRequest request, HttpStatusCode status, string body)
    {
        var errorCode = (int)status;
        var message = body.Length > 500 ? body[..500] : body;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (document.RootElement.TryGetProperty("error_code", out var code) && code.TryGetInt32(out var parsed))
                {
                    errorCode = parsed;
                }

                if (document.RootElement.TryGetProperty("message", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    message = text.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's error page, say): keep the raw text.
        }

        return new SchemaRegistryException(status, errorCode, string.IsNullOrEmpty(message) ? status.ToString() : message, request.ToString());
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken callerToken) =>
        ex is HttpRequestException || (ex is OperationCanceledException && !callerToken.IsCancellationRequested);

    private HttpRequestException Unreachable(RegistryRequest request, Exception? lastFailure)
    {
        var detail = lastFailure is OperationCanceledException ? $"timed out after {_timeout}" : lastFailure?.Message;
        return new HttpRequestException(
            $"Schema Registry {request} failed on every URL ({string.Join(", ", _urls)}): {detail}",
            lastFailure is OperationCanceledException ? new TimeoutException(detail, lastFailure) : lastFailure);
    }
}
