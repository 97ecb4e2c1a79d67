namespace RiskStreams.Avro;

/// <summary>Settings of a <see cref="SchemaRegistryClient"/>.</summary>
public sealed class SchemaRegistryOptions
{
    /// <summary>
    /// Base URL of the registry, e.g. <c>http://localhost:8081</c>; several may be given comma-separated,
    /// they are tried in turn when one cannot be reached.
    /// </summary>
    public string Url { get; set; } = string.Empty;

    /// <summary>Optional <c>user:password</c> for HTTP Basic authentication.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>Timeout of one HTTP request (per URL tried). Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Maximum number of schemas (and of subject/schema ids) kept in memory. Default 1000.</summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>The URLs from <see cref="Url"/>, trimmed and without empty entries.</summary>
    public IReadOnlyList<Uri> GetUrls() =>
        [.. Url.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(ParseUrl)];

    /// <summary>Checks the settings; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Url))
        {
            throw new ArgumentException($"{nameof(SchemaRegistryOptions)}.{nameof(Url)} is required, e.g. http://localhost:8081.", nameof(Url));
        }

        _ = GetUrls();

        if (BasicAuthUserInfo is not null && (BasicAuthUserInfo.IndexOf(':', StringComparison.Ordinal) <= 0))
        {
            throw new ArgumentException(
                $"{nameof(SchemaRegistryOptions)}.{nameof(BasicAuthUserInfo)} must have the form user:password.", nameof(BasicAuthUserInfo));
        }

        if (RequestTimeout <= TimeSpan.Zero || RequestTimeout == Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException(
                $"{nameof(SchemaRegistryOptions)}.{nameof(RequestTimeout)} must be positive and finite, was {RequestTimeout}.", nameof(RequestTimeout));
        }

        if (MaxCachedSchemas < 1)
        {
            throw new ArgumentException(
                $"{nameof(SchemaRegistryOptions)}.{nameof(MaxCachedSchemas)} must be at least 1, was {MaxCachedSchemas}.", nameof(MaxCachedSchemas));
        }
    }

    private static Uri ParseUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException(
                $"{nameof(SchemaRegistryOptions)}.{nameof(Url)} contains '{url}', which is not an absolute http(s) URL.", nameof(Url));
        }

        // A trailing slash makes relative paths append instead of replacing the last segment.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }
}
