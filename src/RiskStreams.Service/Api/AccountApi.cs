using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Confluent.Kafka;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using RiskStreams.Avro;
using RiskStreams.Streams;
using RiskStreams.Topology;

namespace RiskStreams.Service.Api;

/// <summary>
/// The account risk API and the review console on the service's HTTP port (README "Account risk API"): bearer-token
/// auth, reads from the local account store through the engine's interactive queries, a key hosted by another instance
/// forwarded to it, 503 with <c>Retry-After</c> while the owning task restores, decisions produced to the reviews topic.
/// Access is logged with the route template only, never an account id.
/// </summary>
internal sealed class AccountApi(ApiSettings settings, Func<ProcessorHost?> processor, IReviewPublisher publisher, ILogger logger) : IDisposable
{
    /// <summary>Set on a forwarded request (value: the forwarding instance); an instance never forwards such a request again.</summary>
    public const string ForwardedHeader = "X-RiskStreams-Forwarded-By";

    /// <summary>The <c>host:port</c> of the instance that read the store for this answer.</summary>
    public const string InstanceHeader = "X-RiskStreams-Instance";

    private readonly byte[] _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(settings.Token));
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(5) };

    public bool Enabled => !string.IsNullOrEmpty(settings.Token);

    /// <summary>Adds the routes to <paramref name="app"/>, or logs that the API is disabled when no token is configured.</summary>
    public void Map(WebApplication app)
    {
        if (!Enabled)
        {
            ApiLog.Disabled(logger);
            return;
        }

        app.Use(LogAccessAsync);
        Protect(app.MapGet("/accounts/{id}/risk", (string id, HttpContext context) => AccountAsync(context, id, changes: false)));
        Protect(app.MapGet("/accounts/{id}/changes", (string id, HttpContext context) => AccountAsync(context, id, changes: true)));
        Protect(app.MapPost("/reviews", (ReviewSubmission review, HttpContext context) => SubmitAsync(review, context.RequestAborted)));
        app.MapGet("/console/{*file}", (string? file, HttpContext context) => string.IsNullOrEmpty(file) && !context.Request.Path.Value!.EndsWith('/')
            ? Results.Redirect("/console/")
            : ConsoleAssets.Serve(file)).WithMetadata(AccessLogged.Instance);
    }

    public void Dispose() => _http.Dispose();

    private void Protect(RouteHandlerBuilder route) => route.WithMetadata(AccessLogged.Instance).AddEndpointFilter(async (invocation, next) =>
    {
        var header = invocation.HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !TokenMatches(header.AsSpan(7).Trim()))
        {
            invocation.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Json(new { error = "A valid bearer token is required." }, statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(invocation);
    });

    /// <summary>Constant time whatever the token: both sides are hashed to the same length first.</summary>
    private bool TokenMatches(ReadOnlySpan<char> given)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(given.ToArray()), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }

    private async Task<IResult> AccountAsync(HttpContext context, string id, bool changes)
    {
        if (processor() is not { } host)
        {
            return Unavailable(context, "The processor is starting.", 5);
        }

        var where = host.Streams.QueryMetadataForKey(RiskStoreNames.AccountState, id, Serdes.String);
        switch (where.Status)
        {
            case KeyQueryStatus.Local when where.Restoring:
                return Unavailable(context, "The account's partition is restoring its state on this instance.", 5);
            case KeyQueryStatus.Local:
                return Read(context, host, id, where.Partition!.Value, changes);
            case KeyQueryStatus.Remote when !context.Request.Headers.ContainsKey(ForwardedHeader):
                return await ForwardAsync(context, host, where.Host!);
            default:
                return Unavailable(context, "No instance hosts the account's partition right now (rebalancing).", 2);
        }
    }

    private static IResult Read(HttpContext context, ProcessorHost host, string id, int partition, bool changes)
    {
        object? view;
        try
        {
            view = AccountRiskQueries.State(host.Streams, partition, id) is not { } state
                ? null
                : changes
                    ? AccountRiskViews.ChangesOf(state)
                    : AccountRiskQueries.Risk(host.Streams, partition, state, host.Policy.Current, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Culture(context));
        }
        catch (InvalidOperationException)
        {
            return Unavailable(context, "The account's partition is moving to another instance.", 2);
        }

        context.Response.Headers[InstanceHeader] = host.Streams.ApplicationServer;
        return view is null
            ? Results.Json(new { error = "Unknown account." }, statusCode: StatusCodes.Status404NotFound)
            : Results.Json(view, AccountRiskViews.JsonOptions);
    }

    /// <summary>Customer messages in <c>?lang=zh-CN</c> or English (the default).</summary>
    private static string Culture(HttpContext context) =>
        string.Equals(context.Request.Query["lang"].ToString(), "zh-CN", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en";

    private async Task<IResult> ForwardAsync(HttpContext context, ProcessorHost host, string owner)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "";
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{owner}{context.Request.Path}{context.Request.QueryString}");
        request.Headers.TryAddWithoutValidation("Authorization", context.Request.Headers.Authorization.ToString());
        request.Headers.TryAddWithoutValidation(ForwardedHeader, host.Streams.ApplicationServer ?? "unknown");
        try
        {
            using var response = await _http.SendAsync(request, context.RequestAborted);
            var body = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
            context.Items[typeof(AccountApi)] = owner;
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            foreach (var name in new[] { "Retry-After", InstanceHeader })
            {
                if (response.Headers.TryGetValues(name, out var values))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
            return Results.Empty;
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !context.RequestAborted.IsCancellationRequested))
        {
            ApiLog.ForwardFailed(logger, route, owner, e.Message);
            return Unavailable(context, "The instance that hosts the account's partition did not answer.", 2);
        }
    }

    private async Task<IResult> SubmitAsync(ReviewSubmission review, CancellationToken cancellationToken)
    {
        if (review.Problem() is { } problem)
        {
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status400BadRequest);
        }

        var reviewId = $"rev-{Guid.NewGuid():N}";
        try
        {
            await publisher.PublishAsync(review, reviewId, DateTimeOffset.UtcNow, cancellationToken);
        }
        catch (Exception e) when (e is KafkaException or SchemaRegistryException or SchemaRegistryUnavailableException)
        {
            return Results.Json(new { error = $"The decision could not be recorded: {e.Message}" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Json(new { reviewId }, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult Unavailable(HttpContext context, string error, int retryAfterSeconds)
    {
        context.Response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Json(new { error }, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private async Task LogAccessAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        await next(context);
        if (context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<AccessLogged>() is not null)
        {
            var via = context.Items.TryGetValue(typeof(AccountApi), out var owner) ? $" via {owner}" : "";
            ApiLog.Access(logger, context.Request.Method, endpoint.RoutePattern.RawText ?? "", context.Response.StatusCode,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, via);
        }
    }

    /// <summary>Marks the endpoints whose requests are access-logged.</summary>
    private sealed class AccessLogged
    {
        public static readonly AccessLogged Instance = new();
    }
}
