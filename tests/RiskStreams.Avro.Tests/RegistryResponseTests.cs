using System.Net;
using RiskStreams.Avro.Internal;

namespace RiskStreams.Avro.Tests;

/// <summary>Responses a real registry (or a proxy in front of it) may give that are not the happy path.</summary>
public sealed class RegistryResponseTests
{
    private static SchemaRegistryClient Client(HttpStatusCode status, string body) =>
        new(new SchemaRegistryOptions { Url = "http://registry.invalid" }, new CannedHandler(status, body), disposeHandler: true);

    [Fact]
    public async Task Error_body_that_is_not_json_keeps_the_http_status_as_error_code_and_the_raw_text()
    {
        using var client = Client(HttpStatusCode.BadGateway, "upstream down");

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(3));

        Assert.Equal((HttpStatusCode.BadGateway, 502, "upstream down"), (error.StatusCode, error.ErrorCode, error.RegistryMessage));
        Assert.Equal("Schema Registry GET /schemas/ids/3 failed with HTTP 502 BadGateway, error_code 502: upstream down", error.Message);
    }

    [Fact]
    public void Success_body_that_is_not_json_is_a_registry_error()
    {
        using var client = Client(HttpStatusCode.OK, "<html>");

        var error = Assert.Throws<SchemaRegistryException>(() => client.GetSchemaById(1));

        Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Success_body_without_the_expected_property_is_a_registry_error()
    {
        using var client = Client(HttpStatusCode.OK, """{"schema_id": 4}""");

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync("s-value", """{"type":"string"}"""));

        Assert.Contains("'id'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bounded_cache_empties_itself_when_full_instead_of_growing()
    {
        var cache = new BoundedCache<int, string>(capacity: 2);
        cache.Add(1, "a");
        cache.Add(2, "b");
        cache.Add(2, "b2");
        Assert.Equal(2, cache.Count);

        cache.Add(3, "c");

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(3, out var value));
        Assert.Equal("c", value);
        Assert.False(cache.TryGet(1, out _));
    }

    [Fact]
    public void Client_validates_its_options() =>
        Assert.Equal("Url", Assert.Throws<ArgumentException>(() => new SchemaRegistryClient(new SchemaRegistryOptions())).ParamName);
}
