using System.Net;
using Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Avro.Tests;

/// <summary>The registry client against the embedded registry over real HTTP.</summary>
public sealed class SchemaRegistryClientTests(RegistryFixture fixture) : IClassFixture<RegistryFixture>
{
    private const string PersonV1 = """{"type":"record","name":"Person","namespace":"tests","fields":[{"name":"name","type":"string"}]}""";
    private const string PersonV2 = """{"type":"record","name":"Person","namespace":"tests","fields":[{"name":"name","type":"string"},{"name":"nickname","type":["null","string"],"default":null}]}""";
    private const string PersonRequiredAge = """{"type":"record","name":"Person","namespace":"tests","fields":[{"name":"name","type":"string"},{"name":"age","type":"int"}]}""";

    private static string Subject() => RegistryFixture.UniqueTopic("people") + "-value";

    [Fact]
    public async Task Registering_the_same_schema_twice_returns_the_same_id_and_the_second_call_is_cached()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);
        var subject = Subject();

        var first = await client.RegisterSchemaAsync(subject, PersonV1);
        var second = await client.RegisterSchemaAsync(subject, PersonV1);
        var third = client.RegisterSchema(subject, PersonV1);

        Assert.Equal(first, second);
        Assert.Equal(first, third);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Same_schema_registered_by_another_client_gets_the_same_id()
    {
        using var one = fixture.CreateClient();
        using var other = fixture.CreateClient();
        var subject = Subject();

        Assert.Equal(await one.RegisterSchemaAsync(subject, PersonV1), other.RegisterSchema(subject, PersonV1));
    }

    [Fact]
    public async Task Compatible_new_schema_gets_the_next_id_and_version_two()
    {
        using var client = fixture.CreateClient();
        var subject = Subject();
        var v1 = await client.RegisterSchemaAsync(subject, RepaymentSync._SCHEMA.ToString());
        var v2 = await client.RegisterSchemaAsync(subject, RepaymentSync._SCHEMA.ToString().Replace(
            "\"fields\":[", "\"fields\":[{\"name\":\"note\",\"type\":[\"null\",\"string\"],\"default\":null},", StringComparison.Ordinal));

        var latest = await client.GetLatestSchemaAsync(subject);

        Assert.Equal(v1 + 1, v2);
        Assert.Equal(new RegisteredSchema(subject, v2, 2, latest.Schema), latest);
        Assert.Equal("note", ((RecordSchema)latest.Schema).Fields[0].Name);
    }

    [Fact]
    public async Task Incompatible_schema_is_refused_with_409()
    {
        using var client = fixture.CreateClient();
        var subject = Subject();
        await client.RegisterSchemaAsync(subject, PersonV1);

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync(subject, PersonRequiredAge));

        Assert.Equal(HttpStatusCode.Conflict, error.StatusCode);
        Assert.Equal(SchemaRegistryException.IncompatibleSchema, error.ErrorCode);
        Assert.Contains("age", error.RegistryMessage, StringComparison.Ordinal);
        Assert.Contains("HTTP 409", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compatibility_test_answers_without_registering()
    {
        using var client = fixture.CreateClient();
        var subject = Subject();
        await client.RegisterSchemaAsync(subject, PersonV1);

        Assert.True(await client.TestCompatibilityAsync(subject, PersonV2));
        Assert.False(await client.TestCompatibilityAsync(subject, PersonRequiredAge));
        Assert.Equal(1, (await client.GetLatestSchemaAsync(subject)).Version);
    }

    [Fact]
    public async Task Unknown_schema_id_fails_with_40403_and_http_404()
    {
        using var client = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetSchemaByIdAsync(9999));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(SchemaRegistryException.SchemaNotFound, error.ErrorCode);
        Assert.Equal(40403, Assert.Throws<SchemaRegistryException>(() => client.GetSchemaById(9999)).ErrorCode);
    }

    [Fact]
    public async Task Unknown_subject_fails_with_40401()
    {
        using var client = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.GetLatestSchemaAsync(Subject()));

        Assert.Equal(SchemaRegistryException.SubjectNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task Invalid_schema_fails_with_42201()
    {
        using var client = fixture.CreateClient();

        var error = await Assert.ThrowsAsync<SchemaRegistryException>(() => client.RegisterSchemaAsync(Subject(), """{"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]}"""));

        Assert.Equal((HttpStatusCode)422, error.StatusCode);
        Assert.Equal(SchemaRegistryException.InvalidSchema, error.ErrorCode);
    }

    [Fact]
    public async Task Schema_by_id_is_fetched_once_then_served_from_the_cache()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);
        var id = await client.RegisterSchemaAsync(Subject(), PersonV1);

        var first = await client.GetSchemaByIdAsync(id);
        var second = client.GetSchemaById(id);
        var third = await client.GetSchemaByIdAsync(id);

        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.Equal("tests.Person", ((RecordSchema)first).Fullname);
        Assert.Single(handler.Requests, r => r.Path == $"/schemas/ids/{id}");
    }

    [Fact]
    public void Synchronous_calls_use_synchronous_http()
    {
        var handler = new RecordingHandler();
        using var client = fixture.CreateClient(handler);

        var id = client.RegisterSchema(Subject(), PersonV1);
        client.GetSchemaById(id);

        Assert.All(handler.Requests, r => Assert.True(r.Synchronous));
        Assert.Equal(["POST", "GET"], handler.Requests.Select(r => r.Method));
    }

    [Fact]
    public async Task Basic_auth_header_is_sent_on_every_request()
    {
        var handler = new RecordingHandler();
        using var client = new SchemaRegistryClient(
            new SchemaRegistryOptions { Url = fixture.Url, BasicAuthUserInfo = "user:pass" }, handler, disposeHandler: true);

        var id = await client.RegisterSchemaAsync(Subject(), PersonV1);
        client.GetSchemaById(id);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("Basic dXNlcjpwYXNz", r.Authorization));
    }

    [Fact]
    public async Task Unreachable_first_url_fails_over_to_the_next()
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = $"http://127.0.0.1:1, {fixture.Url}" });

        var id = await client.RegisterSchemaAsync(Subject(), PersonV1);

        Assert.Equal("tests.Person", ((RecordSchema)client.GetSchemaById(id)).Fullname);
    }

    [Fact]
    public async Task Unreachable_registry_throws_http_request_exception_naming_the_urls()
    {
        using var client = new SchemaRegistryClient(new SchemaRegistryOptions { Url = "http://127.0.0.1:1" });

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetSchemaByIdAsync(1));

        Assert.Contains("http://127.0.0.1:1/", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_unreachable()
    {
        using var client = fixture.CreateClient();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetSchemaByIdAsync(1, cancelled.Token));
    }
}
