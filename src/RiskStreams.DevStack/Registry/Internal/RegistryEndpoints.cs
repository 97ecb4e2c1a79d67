using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// The Confluent Schema Registry REST subset served by the embedded registry, as minimal APIs: every
/// call Confluent's .NET serdes (2.16) make with auto-registration on and off and with
/// <c>use.latest.version</c>, plus compatibility tests and config. Query flags the registry has no use
/// for (<c>normalize</c>: schemas are always compared normalized; <c>deleted</c>: nothing is ever
/// deleted; <c>subject</c>/<c>format</c> on schema ids) are accepted and ignored.
/// </summary>
internal static class RegistryEndpoints
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    internal static void Map(IEndpointRouteBuilder routes, RegistryStore store)
    {
        routes.MapPost("/subjects/{subject}/versions", (string subject, HttpContext context) =>
            Handle(context, async () => new JsonObject { ["id"] = store.Register(subject, await ReadSchemaAsync(context)) }));

        routes.MapPost("/subjects/{subject}", (string subject, HttpContext context) =>
            Handle(context, async () => VersionJson(store.Lookup(subject, await ReadSchemaAsync(context)))));

        routes.MapGet("/schemas/ids/{id}", (string id, HttpContext context) =>
            Respond(context, () => new JsonObject { ["schema"] = store.GetSchema(ParseId(id)) }));

        routes.MapGet("/subjects", (HttpContext context) =>
            Respond(context, () => new JsonArray([.. store.Subjects().Select(s => JsonValue.Create(s))])));

        routes.MapGet("/subjects/{subject}/versions", (string subject, HttpContext context) =>
            Respond(context, () => new JsonArray([.. store.Versions(subject).Select(v => JsonValue.Create(v))])));

        routes.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version, HttpContext context) =>
            Respond(context, () => VersionJson(store.GetVersion(subject, version))));

        routes.MapPost("/compatibility/subjects/{subject}/versions/{version}", (string subject, string version, HttpContext context) =>
            Handle(context, async () => new JsonObject { ["is_compatible"] = store.IsCompatible(subject, version, await ReadSchemaAsync(context)) }));

        MapConfig(routes, store);
    }

    private static void MapConfig(IEndpointRouteBuilder routes, RegistryStore store)
    {
        routes.MapGet("/config", (HttpContext context) =>
            Respond(context, () => LevelJson(store.Level)));

        routes.MapPut("/config", (HttpContext context) =>
            Handle(context, async () =>
            {
                var level = await ReadLevelAsync(context);
                store.Level = level;
                return new JsonObject { ["compatibility"] = level.ToWireName() };
            }));

        routes.MapGet("/config/{subject}", (string subject, HttpContext context) =>
            Respond(context, () => LevelJson(store.SubjectLevel(subject, IsTrue(context, "defaultToGlobal")))));

        routes.MapPut("/config/{subject}", (string subject, HttpContext context) =>
            Handle(context, async () =>
            {
                var level = await ReadLevelAsync(context);
                store.SetSubjectLevel(subject, level);
                return new JsonObject { ["compatibility"] = level.ToWireName() };
            }));

        routes.MapDelete("/config/{subject}", (string subject, HttpContext context) =>
            Respond(context, () => LevelJson(store.DeleteSubjectLevel(subject))));
    }

    private static JsonObject VersionJson(SubjectVersion found) => new()
    {
        ["subject"] = found.Subject,
        ["version"] = found.Version,
        ["id"] = found.Id,
        ["schema"] = found.Schema,
    };

    private static JsonObject LevelJson(CompatibilityLevel level) => new() { ["compatibilityLevel"] = level.ToWireName() };

    private static bool IsTrue(HttpContext context, string name) =>
        bool.TryParse(context.Request.Query[name].ToString(), out var value) && value;

    private static async Task<CompatibilityLevel> ReadLevelAsync(HttpContext context)
    {
        var requested = await ReadStringPropertyAsync(context, "compatibility");
        return CompatibilityLevels.TryParse(requested, out var level) ? level : throw RegistryError.InvalidCompatibilityLevel(requested);
    }

    private static Task Respond(HttpContext context, Func<JsonNode> action) =>
        Handle(context, () => Task.FromResult(action()));

    private static async Task Handle(HttpContext context, Func<Task<JsonNode>> action)
    {
        JsonNode body;
        try
        {
            body = await action();
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (RegistryError error)
        {
            body = new JsonObject { ["error_code"] = error.ErrorCode, ["message"] = error.Message };
            context.Response.StatusCode = error.HttpStatus;
        }

        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private static int ParseId(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw RegistryError.SchemaNotFound(-1);

    private static async Task<string> ReadSchemaAsync(HttpContext context)
    {
        var schema = await ReadStringPropertyAsync(context, "schema");
        return string.IsNullOrWhiteSpace(schema) ? throw RegistryError.InvalidSchema("the body has no \"schema\" string") : schema;
    }

    private static async Task<string?> ReadStringPropertyAsync(HttpContext context, string name)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("schemaType", out var type)
                && !string.Equals(type.GetString(), "AVRO", StringComparison.OrdinalIgnoreCase))
            {
                throw RegistryError.InvalidSchema($"schemaType {type} is not supported; only AVRO");
            }

            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            throw new RegistryError(422, 42201, $"The request body is not JSON: {ex.Message}");
        }
    }
}
