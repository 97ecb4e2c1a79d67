using Microsoft.AspNetCore.Http;

namespace RiskStreams.Service.Api;

/// <summary>The review console: static files embedded in the assembly (<c>Api/Console</c>), served as they are.</summary>
internal static class ConsoleAssets
{
    private const string Prefix = "console/";

    private static readonly Dictionary<string, byte[]> Files = Load();

    public static IResult Serve(string? file)
    {
        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        if (!Files.TryGetValue(name, out var content))
        {
            return Results.NotFound();
        }

        var type = Path.GetExtension(name) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        return new ConsoleFile(content, type);
    }

    private static Dictionary<string, byte[]> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[resource[Prefix.Length..]] = copy.ToArray();
        }

        return files;
    }

    /// <summary>A console file with a policy that allows only the console's own scripts, styles and API calls.</summary>
    private sealed class ConsoleFile(byte[] content, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = contentType;
            httpContext.Response.Headers.ContentSecurityPolicy = "default-src 'self'; frame-ancestors 'none'";
            httpContext.Response.Headers.XContentTypeOptions = "nosniff";
            httpContext.Response.Headers.CacheControl = "no-store";
            return httpContext.Response.Body.WriteAsync(content).AsTask();
        }
    }
}
