using System.Net;
using System.Text;
using System.Text.Json;
using RiskStreams.DevStack;

namespace RiskStreams.Avro.Tests;

/// <summary>
/// The embedded registry's schema lookup (<c>POST /subjects/{subject}</c>, what Confluent's
/// serializers call with auto-registration off), per-subject config and compatibility by version,
/// with the exact JSON bodies a Confluent client parses. Each test runs its own registry, so ids and
/// the global level are known.
/// </summary>
public sealed class EmbeddedRegistryLookupAndConfigTests : IAsyncLifetime, IDisposable
{
    private const string V1 = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"string"}]}""";
    private const string V2 = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int","default":1}]}""";
    private const string Breaking = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"long"}]}""";
    private const string Other = """{"type":"record","name":"Other","namespace":"tests","fields":[{"name":"x","type":"int"}]}""";

    private readonly EmbeddedSchemaRegistry _registry = new();
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        await _registry.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_registry.Url) };
    }

    public Task DisposeAsync() => _registry.DisposeAsync().AsTask();

    public void Dispose() => _http?.Dispose();

    private async Task<(HttpStatusCode Status, string Body)> Call(HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, SchemaRegistryClient.ContentType);
        }

        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string SchemaBody(string schema) => JsonSerializer.Serialize(new { schema });

    private Task<(HttpStatusCode Status, string Body)> Register(string subject, string schema) =>
        Call(HttpMethod.Post, $"/subjects/{subject}/versions", SchemaBody(schema));

    [Fact]
    public async Task Lookup_returns_subject_version_id_and_schema_of_a_registered_schema()
    {
        await Register("items-value", V1);
        await Register("items-value", V2);

        var first = await Call(HttpMethod.Post, "/subjects/items-value?normalize=false&deleted=false", SchemaBody(V1));
        var second = await Call(HttpMethod.Post, "/subjects/items-value?normalize=true", SchemaBody(V2.Replace(",", " , ", StringComparison.Ordinal)));

        // The schema comes back as the registry stores it: parsed and printed again by Apache.Avro.
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal($$"""{"subject":"items-value","version":1,"id":1,"schema":{{JsonSerializer.Serialize(V1)}}}""", first.Body);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal($$"""{"subject":"items-value","version":2,"id":2,"schema":{{JsonSerializer.Serialize(global::Avro.Schema.Parse(V2).ToString())}}}""", second.Body);
    }

    [Fact]
    public async Task Lookup_of_an_unknown_subject_is_40401_and_of_a_schema_not_under_the_subject_is_40403()
    {
        await Register("items-value", V1);
        await Register("others-value", Other);

        var noSubject = await Call(HttpMethod.Post, "/subjects/nope-value", SchemaBody(V1));
        var notUnder = await Call(HttpMethod.Post, "/subjects/items-value", SchemaBody(Other));
        var neverRegistered = await Call(HttpMethod.Post, "/subjects/items-value", SchemaBody(V2));

        Assert.Equal((HttpStatusCode.NotFound, """{"error_code":40401,"message":"Subject \u0027nope-value\u0027 not found."}"""), noSubject);
        Assert.Equal((HttpStatusCode.NotFound, """{"error_code":40403,"message":"Schema not found"}"""), notUnder);
        Assert.Equal((HttpStatusCode.NotFound, """{"error_code":40403,"message":"Schema not found"}"""), neverRegistered);
    }

    [Fact]
    public async Task Subject_config_is_set_read_and_deleted_and_falls_back_to_global_only_when_asked()
    {
        var unset = await Call(HttpMethod.Get, "/config/items-value");
        var fallback = await Call(HttpMethod.Get, "/config/items-value?defaultToGlobal=true");
        var set = await Call(HttpMethod.Put, "/config/items-value", """{"compatibility":"FULL_TRANSITIVE"}""");
        var own = await Call(HttpMethod.Get, "/config/items-value");
        var global = await Call(HttpMethod.Get, "/config");
        var deleted = await Call(HttpMethod.Delete, "/config/items-value");
        var afterDelete = await Call(HttpMethod.Get, "/config/items-value?defaultToGlobal=true");
        var bad = await Call(HttpMethod.Put, "/config/items-value", """{"compatibility":"SIDEWAYS"}""");

        Assert.Equal((HttpStatusCode.NotFound, """{"error_code":40408,"message":"Subject \u0027items-value\u0027 does not have subject-level compatibility configured"}"""), unset);
        Assert.Equal((HttpStatusCode.OK, """{"compatibilityLevel":"BACKWARD"}"""), fallback);
        Assert.Equal((HttpStatusCode.OK, """{"compatibility":"FULL_TRANSITIVE"}"""), set);
        Assert.Equal((HttpStatusCode.OK, """{"compatibilityLevel":"FULL_TRANSITIVE"}"""), own);
        Assert.Equal((HttpStatusCode.OK, """{"compatibilityLevel":"BACKWARD"}"""), global);
        Assert.Equal((HttpStatusCode.OK, """{"compatibilityLevel":"FULL_TRANSITIVE"}"""), deleted);
        Assert.Equal((HttpStatusCode.OK, """{"compatibilityLevel":"BACKWARD"}"""), afterDelete);
        Assert.Equal((HttpStatusCode)422, bad.Status);
    }

    [Fact]
    public async Task Subject_level_none_accepts_a_breaking_change_the_global_backward_refuses_elsewhere()
    {
        await Register("loose-value", V1);
        await Register("strict-value", V1);
        await Call(HttpMethod.Put, "/config/loose-value", """{"compatibility":"NONE"}""");

        var loose = await Register("loose-value", Breaking);
        var strict = await Register("strict-value", Breaking);

        Assert.Equal((HttpStatusCode.OK, """{"id":2}"""), loose);
        Assert.Equal(HttpStatusCode.Conflict, strict.Status);
    }

    [Fact]
    public async Task Compatibility_is_tested_against_a_given_version_number()
    {
        await Register("items-value", V1);
        await Call(HttpMethod.Put, "/config/items-value", """{"compatibility":"NONE"}""");
        await Register("items-value", Breaking);
        await Call(HttpMethod.Put, "/config/items-value", """{"compatibility":"BACKWARD"}""");

        var againstOne = await Call(HttpMethod.Post, "/compatibility/subjects/items-value/versions/1", SchemaBody(V2));
        var againstTwo = await Call(HttpMethod.Post, "/compatibility/subjects/items-value/versions/2", SchemaBody(V2));
        var missing = await Call(HttpMethod.Post, "/compatibility/subjects/items-value/versions/3", SchemaBody(V2));

        Assert.Equal((HttpStatusCode.OK, """{"is_compatible":true}"""), againstOne);
        Assert.Equal((HttpStatusCode.OK, """{"is_compatible":false}"""), againstTwo);
        Assert.Equal(HttpStatusCode.NotFound, missing.Status);
    }
}
