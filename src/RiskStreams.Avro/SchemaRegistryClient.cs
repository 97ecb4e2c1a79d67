using System.Text.Json;
using Avro;
using RiskStreams.Avro.Internal;

namespace RiskStreams.Avro;

/// <summary>
/// Client for the subset of the Confluent Schema Registry REST API the serdes need. Schemas by id
/// and ids by (subject, schema) are cached, as they never change once issued. Thread-safe.
/// </summary>
/// <remarks>
/// The synchronous methods do real synchronous HTTP (no sync-over-async), for callers such as
/// serializers that run on a thread which must not block on tasks.
/// </remarks>
public sealed class SchemaRegistryClient : IDisposable
{
    /// <summary>The content type of the registry's REST API.</summary>
    public const string ContentType = RegistryHttp.ContentType;

    private readonly RegistryHttp _http;
    private readonly BoundedCache<int, Schema> _schemasById;
    private readonly BoundedCache<(string Subject, string Schema), int> _idsBySchema;

    /// <summary>Creates a client with its own HTTP connection pool.</summary>
    /// <param name="options">Registry URL(s), credentials, timeout and cache size; validated here.</param>
    public SchemaRegistryClient(SchemaRegistryOptions options)
        : this(options, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
    {
    }

    /// <summary>Creates a client over the given HTTP handler (for tests, proxies or custom TLS).</summary>
    /// <param name="options">Registry URL(s), credentials, timeout and cache size; validated here.</param>
    /// <param name="handler">The handler all requests go through. It must support synchronous <c>Send</c> for the synchronous methods.</param>
    /// <param name="disposeHandler">Whether <see cref="Dispose"/> disposes <paramref name="handler"/>.</param>
    public SchemaRegistryClient(SchemaRegistryOptions options, HttpMessageHandler handler, bool disposeHandler = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        options.Validate();
        _http = new RegistryHttp(options, handler, disposeHandler);
        _schemasById = new BoundedCache<int, Schema>(options.MaxCachedSchemas);
        _idsBySchema = new BoundedCache<(string, string), int>(options.MaxCachedSchemas);
    }

    /// <summary>Registers a schema under a subject (or finds it if already there) and returns its id.</summary>
    /// <param name="subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
    /// <param name="schemaJson">The Avro schema as JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registry-wide schema id.</returns>
    /// <exception cref="SchemaRegistryException">The registry refused (409 incompatible, 42201 invalid schema, ...).</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    public async Task<int> RegisterSchemaAsync(string subject, string schemaJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schemaJson);
        if (_idsBySchema.TryGet((subject, schemaJson), out var id))
        {
            return id;
        }

        using var response = await _http.SendAsync(RegisterRequest(subject, schemaJson), cancellationToken);
        return CacheId(subject, schemaJson, response);
    }

    /// <summary>Synchronous <see cref="RegisterSchemaAsync"/>, for the serializer's cache-miss path.</summary>
    /// <param name="subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
    /// <param name="schemaJson">The Avro schema as JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The registry-wide schema id.</returns>
    /// <exception cref="SchemaRegistryException">The registry refused (409 incompatible, 42201 invalid schema, ...).</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    public int RegisterSchema(string subject, string schemaJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schemaJson);
        if (_idsBySchema.TryGet((subject, schemaJson), out var id))
        {
            return id;
        }

        using var response = _http.Send(RegisterRequest(subject, schemaJson), cancellationToken);
        return CacheId(subject, schemaJson, response);
    }

    /// <summary>Returns the schema with the given id.</summary>
    /// <param name="id">The registry-wide schema id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="SchemaRegistryException">Error code 40403 when the id is unknown.</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    /// <exception cref="SchemaParseException">The registry returned a schema that does not parse.</exception>
    public async Task<Schema> GetSchemaByIdAsync(int id, CancellationToken cancellationToken = default)
    {
        if (_schemasById.TryGet(id, out var schema))
        {
            return schema;
        }

        using var response = await _http.SendAsync(SchemaByIdRequest(id), cancellationToken);
        return CacheSchema(id, response);
    }

    /// <summary>Synchronous <see cref="GetSchemaByIdAsync"/>, for the deserializer's cache-miss path.</summary>
    /// <param name="id">The registry-wide schema id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The parsed schema.</returns>
    /// <exception cref="SchemaRegistryException">Error code 40403 when the id is unknown.</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    /// <exception cref="SchemaParseException">The registry returned a schema that does not parse.</exception>
    public Schema GetSchemaById(int id, CancellationToken cancellationToken = default)
    {
        if (_schemasById.TryGet(id, out var schema))
        {
            return schema;
        }

        using var response = _http.Send(SchemaByIdRequest(id), cancellationToken);
        return CacheSchema(id, response);
    }

    /// <summary>Returns the latest version of a subject. Not cached: the latest version changes.</summary>
    /// <param name="subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Subject, id, version and schema of the latest version.</returns>
    /// <exception cref="SchemaRegistryException">Error code 40401 when the subject is unknown.</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    public async Task<RegisteredSchema> GetLatestSchemaAsync(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        using var response = await _http.SendAsync(LatestRequest(subject), cancellationToken);
        return ToRegisteredSchema(response.RootElement);
    }

    /// <summary>Synchronous <see cref="GetLatestSchemaAsync"/>.</summary>
    /// <param name="subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Subject, id, version and schema of the latest version.</returns>
    /// <exception cref="SchemaRegistryException">Error code 40401 when the subject is unknown.</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    public RegisteredSchema GetLatestSchema(string subject, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        using var response = _http.Send(LatestRequest(subject), cancellationToken);
        return ToRegisteredSchema(response.RootElement);
    }

    /// <summary>Asks the registry whether a schema is compatible with the latest version of a subject.</summary>
    /// <param name="subject">The subject, e.g. <c>credit.transactions-value</c>.</param>
    /// <param name="schemaJson">The candidate Avro schema as JSON.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>True when the registry's compatibility rule accepts the schema.</returns>
    /// <exception cref="SchemaRegistryException">The registry refused, e.g. 42201 invalid schema.</exception>
    /// <exception cref="HttpRequestException">No registry URL could be reached in time.</exception>
    public async Task<bool> TestCompatibilityAsync(string subject, string schemaJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        ArgumentException.ThrowIfNullOrEmpty(schemaJson);
        var request = RegistryRequest.PostSchema($"compatibility/{RegistryRequest.SubjectPath(subject, "/versions/latest")}", schemaJson);
        using var response = await _http.SendAsync(request, cancellationToken);
        return Required(response.RootElement, "is_compatible", JsonValueKind.True, JsonValueKind.False).GetBoolean();
    }

    /// <summary>Releases the HTTP client.</summary>
    public void Dispose() => _http.Dispose();

    private static RegistryRequest RegisterRequest(string subject, string schemaJson) =>
        RegistryRequest.PostSchema(RegistryRequest.SubjectPath(subject, "/versions"), schemaJson);

    private static RegistryRequest SchemaByIdRequest(int id) =>
        RegistryRequest.Get($"schemas/ids/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

    private static RegistryRequest LatestRequest(string subject) =>
        RegistryRequest.Get(RegistryRequest.SubjectPath(subject, "/versions/latest"));

    private int CacheId(string subject, string schemaJson, JsonDocument response)
    {
        var id = Required(response.RootElement, "id", JsonValueKind.Number).GetInt32();
        _idsBySchema.Add((subject, schemaJson), id);
        return id;
    }

    private Schema CacheSchema(int id, JsonDocument response)
    {
        var schema = Schema.Parse(Required(response.RootElement, "schema", JsonValueKind.String).GetString());
        _schemasById.Add(id, schema);
        return schema;
    }

    private RegisteredSchema ToRegisteredSchema(JsonElement body)
    {
        var id = Required(body, "id", JsonValueKind.Number).GetInt32();
        var schema = Schema.Parse(Required(body, "schema", JsonValueKind.String).GetString());
        _schemasById.Add(id, schema);
        return new RegisteredSchema(
            Required(body, "subject", JsonValueKind.String).GetString()!,
            id,
            Required(body, "version", JsonValueKind.Number).GetInt32(),
            schema);
    }

    private static JsonElement Required(JsonElement body, string name, params JsonValueKind[] kinds)
    {
        if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) && kinds.Contains(value.ValueKind))
        {
            return value;
        }

        throw new SchemaRegistryException($"Unexpected Schema Registry response: no {string.Join(" or ", kinds)} property '{name}' in {body.GetRawText()}");
    }
}
