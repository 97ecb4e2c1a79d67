using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace RiskStreams.DevStack.Internal;

/// <summary>The Confluent Schema Registry REST subset served by the embedded registry, as minimal APIs.</summary>
internal static class RegistryEndpoints
{
    private const string ContentType = "application/vnd.schemaregistry.v1+json";

    internal static void Map(IEndpointRouteBuilder routes, RegistryStore store)
    {
        routes.MapPost("/subjects/{subject}/versions", (string subject, HttpContext context) =>
            Handle(context, async () => new JsonObject { ["id"] = store.Register(subject, await ReadSchemaAsync(context)) }));

        routes.MapGet("/schemas/ids/{id}", (string id, HttpContext context) =>
            Respond(context, () => new JsonObject { ["schema"] = store.GetSchema(ParseId(id)) }));

        routes.MapGet("/subjects", (HttpContext context) =>
            Respond(context, () => new JsonArray([.. store.Subjects().Select(s => JsonValue.Create(s))])));

        routes.MapGet("/subjects/{subject}/versions", (string subject, HttpContext context) =>
            Respond(context, () => new JsonArray([.. store.Versions(subject).Select(v => JsonValue.Create(v))])));

        routes.MapGet("/subjects/{subject}/versions/{version}", (string subject, string version, HttpContext context) =>
            Respond(context, () =>
            {
                var found = store.GetVersion(subject, version);
                return new JsonObject
                {
                    ["subject"] = found.Subject,
                    ["id"] = found.Id,
                    ["version"] = found.Version,
                    ["schema"] = found.Schema,
                };
            }));

        routes.MapPost("/compatibility/subjects/{subject}/versions/latest", (string subject, HttpContext context) =>
            Handle(context, async () => new JsonObject { ["is_compatible"] = store.IsCompatible(subject, await ReadSchemaAsync(context)) }));

        routes.MapGet("/config", (HttpContext context) =>
            Respond(context, () => new JsonObject { ["compatibilityLevel"] = store.Level.ToWireName() }));

        routes.MapPut("/config", (HttpContext context) =>
            Handle(context, async () =>
            {
                var requested = await ReadStringPropertyAsync(context, "compatibility");
                if (!CompatibilityLevels.TryParse(requested, out var level))
                {
                    throw RegistryError.InvalidCompatibilityLevel(requested);
                }

                store.Level = level;
                return new JsonObject { ["compatibility"] = level.ToWireName() };
            }));
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
