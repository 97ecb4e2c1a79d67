using System.Net;
using System.Text;
using System.Text.Json;
using Avro;
using RiskStreams.DevStack;

namespace RiskStreams.Avro.Tests;

/// <summary>The embedded registry's REST surface, spoken to with a plain HttpClient.</summary>
public sealed class EmbeddedSchemaRegistryTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>, IDisposable
{
    private const string V1 = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"string"}]}""";
    private const string V2 = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int","default":1}]}""";
    private const string Breaking = """{"type":"record","name":"Item","namespace":"tests","fields":[{"name":"sku","type":"long"}]}""";

    private readonly HttpClient _http = new() { BaseAddress = new Uri(fixture.Url) };

    public void Dispose() => _http.Dispose();

    private async Task<(HttpStatusCode Status, JsonElement Body)> Call(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, SchemaRegistryClient.ContentType);
        }

        using var response = await _http.SendAsync(request);
        Assert.Equal(SchemaRegistryClient.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> Register(string subject, string schema) =>
        Call(HttpMethod.Post, $"/subjects/{subject}/versions", new { schema });

    [Fact]
    public void Url_reports_the_bound_loopback_port()
    {
        var url = new Uri(fixture.Url);
        Assert.Equal("127.0.0.1", url.Host);
        Assert.NotEqual(0, url.Port);
    }

    [Fact]
    public async Task Versions_are_listed_and_fetched_by_number_and_latest()
    {
        var subject = RegistryFixture.UniqueTopic("items") + "-value";
        var (_, first) = await Register(subject, V1);
        var (_, second) = await Register(subject, V2);

        var versions = await Call(HttpMethod.Get, $"/subjects/{subject}/versions");
        var one = await Call(HttpMethod.Get, $"/subjects/{subject}/versions/1");
        var latest = await Call(HttpMethod.Get, $"/subjects/{subject}/versions/latest");
        var subjects = await Call(HttpMethod.Get, "/subjects");

        Assert.Equal("[1,2]", versions.Body.GetRawText());
        Assert.Equal(first.GetProperty("id").GetInt32(), one.Body.GetProperty("id").GetInt32());
        Assert.Equal(1, one.Body.GetProperty("version").GetInt32());
        Assert.Equal(subject, latest.Body.GetProperty("subject").GetString());
        Assert.Equal(2, latest.Body.GetProperty("version").GetInt32());
        Assert.Equal(second.GetProperty("id").GetInt32(), latest.Body.GetProperty("id").GetInt32());
        Assert.Contains(subject, subjects.Body.EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Re_registering_an_earlier_version_returns_its_id_without_a_new_version()
    {
        var subject = RegistryFixture.UniqueTopic("items") + "-value";
        var (_, first) = await Register(subject, V1);
        await Register(subject, V2);

        var (status, again) = await Register(subject, V1);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.GetProperty("id").GetInt32(), again.GetProperty("id").GetInt32());
        Assert.Equal("[1,2]", (await Call(HttpMethod.Get, $"/subjects/{subject}/versions")).Body.GetRawText());
    }

    [Fact]
    public async Task Schema_ids_are_global_across_subjects_and_ignore_formatting()
    {
        var (_, a) = await Register(RegistryFixture.UniqueTopic("a") + "-value", V1);
        var (_, b) = await Register(RegistryFixture.UniqueTopic("b") + "-value", V1.Replace(",", " , ", StringComparison.Ordinal));

        Assert.Equal(a.GetProperty("id").GetInt32(), b.GetProperty("id").GetInt32());
        var (_, schema) = await Call(HttpMethod.Get, $"/schemas/ids/{a.GetProperty("id").GetInt32()}");
        Assert.Equal("tests.Item", ((RecordSchema)Schema.Parse(schema.GetProperty("schema").GetString())).Fullname);
    }

    [Fact]
    public async Task Missing_subject_version_and_schema_have_their_error_codes()
    {
        var subject = RegistryFixture.UniqueTopic("items") + "-value";
        await Register(subject, V1);

        var noSubject = await Call(HttpMethod.Get, "/subjects/nope-value/versions/latest");
        var noVersion = await Call(HttpMethod.Get, $"/subjects/{subject}/versions/7");
        var noSchema = await Call(HttpMethod.Get, "/schemas/ids/424242");
        var badVersion = await Call(HttpMethod.Get, $"/subjects/{subject}/versions/zero");

        Assert.Equal((HttpStatusCode.NotFound, 40401), (noSubject.Status, noSubject.Body.GetProperty("error_code").GetInt32()));
        Assert.Equal((HttpStatusCode.NotFound, 40402), (noVersion.Status, noVersion.Body.GetProperty("error_code").GetInt32()));
        Assert.Equal((HttpStatusCode.NotFound, 40403), (noSchema.Status, noSchema.Body.GetProperty("error_code").GetInt32()));
        Assert.Equal(((HttpStatusCode)422, 42202), (badVersion.Status, badVersion.Body.GetProperty("error_code").GetInt32()));
    }

    [Fact]
    public async Task Incompatible_and_invalid_schemas_are_refused()
    {
        var subject = RegistryFixture.UniqueTopic("items") + "-value";
        await Register(subject, V1);

        var incompatible = await Register(subject, Breaking);
        var invalid = await Register(subject, "{\"type\":\"record\"}");
        var compatibility = await Call(HttpMethod.Post, $"/compatibility/subjects/{subject}/versions/latest", new { schema = Breaking });

        Assert.Equal((HttpStatusCode.Conflict, 409), (incompatible.Status, incompatible.Body.GetProperty("error_code").GetInt32()));
        Assert.Contains("sku", incompatible.Body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(((HttpStatusCode)422, 42201), (invalid.Status, invalid.Body.GetProperty("error_code").GetInt32()));
        Assert.False(compatibility.Body.GetProperty("is_compatible").GetBoolean());
    }

    [Fact]
    public async Task Compatibility_level_none_accepts_breaking_changes_and_unknown_levels_are_refused()
    {
        await using var registry = new EmbeddedSchemaRegistry();
        await registry.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(registry.Url) };
        static StringContent Json(string json) => new(json, Encoding.UTF8, SchemaRegistryClient.ContentType);

        var before = await http.GetStringAsync("/config");
        var set = await http.PutAsync("/config", Json("""{"compatibility":"NONE"}"""));
        var after = await http.GetStringAsync("/config");
        var bad = await http.PutAsync("/config", Json("""{"compatibility":"SIDEWAYS"}"""));
        await http.PostAsync("/subjects/s-value/versions", Json(JsonSerializer.Serialize(new { schema = V1 })));
        var breaking = await http.PostAsync("/subjects/s-value/versions", Json(JsonSerializer.Serialize(new { schema = Breaking })));

        Assert.Equal("""{"compatibilityLevel":"BACKWARD"}""", before);
        Assert.Equal("""{"compatibility":"NONE"}""", await set.Content.ReadAsStringAsync());
        Assert.Equal("""{"compatibilityLevel":"NONE"}""", after);
        Assert.Equal((HttpStatusCode)422, bad.StatusCode);
        Assert.Equal(HttpStatusCode.OK, breaking.StatusCode);
        Assert.Equal("[1,2]", await http.GetStringAsync("/subjects/s-value/versions"));
    }

    [Fact]
    public async Task Starting_twice_is_refused_and_an_unstarted_registry_has_no_url()
    {
        await using var registry = new EmbeddedSchemaRegistry();
        Assert.Throws<InvalidOperationException>(() => registry.Url);
        await registry.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => registry.StartAsync());
    }

    [Fact]
    public async Task Stopped_registry_has_no_url_and_refuses_connections()
    {
        var registry = new EmbeddedSchemaRegistry();
        await registry.StartAsync();
        var url = registry.Url;

        await registry.DisposeAsync();

        Assert.Throws<InvalidOperationException>(() => registry.Url);
        using var http = new HttpClient();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri(url + "/subjects")));
    }
}
