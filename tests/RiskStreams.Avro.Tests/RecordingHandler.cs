namespace RiskStreams.Avro.Tests;

/// <summary>Passes requests to a real socket handler and records them (sync and async paths).</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly List<RecordedRequest> _requests = [];

    public RecordingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) { return [.. _requests]; } }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Record(request, synchronous: true);
        return base.Send(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Record(request, synchronous: false);
        return base.SendAsync(request, cancellationToken);
    }

    private void Record(HttpRequestMessage request, bool synchronous)
    {
        lock (_requests)
        {
            _requests.Add(new RecordedRequest(
                request.Method.Method,
                request.RequestUri!.AbsolutePath,
                request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.MediaType,
                synchronous));
        }
    }
}

public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? ContentType, bool Synchronous);
