using System.Text.Json;
using Avro;
using Avro.Specific;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Reads a JSON object into a generated Avro contract, driven by the contract's schema: field names
/// as in the schema, timestamps as epoch milliseconds, enums as their symbols, optional (null-union)
/// fields omitted or null. Anything else — a missing required field, a wrong type, an unknown symbol
/// or field — throws <see cref="BacktestInputException"/> naming the field.
/// </summary>
internal static class AvroJsonReader
{
    private const long MinEpochMs = -62_135_596_800_000; // 0001-01-01T00:00:00Z
    private const long MaxEpochMs = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z

    public static T Read<T>(JsonElement json)
        where T : ISpecificRecord, new()
    {
        var record = new T();
        var schema = (RecordSchema)record.Schema;
        foreach (var property in json.EnumerateObject())
        {
            if (!schema.TryGetField(property.Name, out _))
            {
                throw new BacktestInputException($"unknown field '{property.Name}' (a {schema.Name} has {string.Join(", ", schema.Fields.Select(f => f.Name))})");
            }
        }

        foreach (var field in schema.Fields)
        {
            if (json.TryGetProperty(field.Name, out var value))
            {
                record.Put(field.Pos, Value(field.Schema, value, field.Name));
            }
            else if (field.Schema is ArraySchema { ItemSchema.Tag: Schema.Type.String })
            {
                // An array of strings left out is empty (its schema default).
                record.Put(field.Pos, new List<string>());
            }
            else if (!IsOptional(field.Schema))
            {
                throw new BacktestInputException($"missing required field '{field.Name}'");
            }
        }

        return record;
    }

    private static bool IsOptional(Schema schema) => schema is UnionSchema union && union.Schemas.Any(s => s.Tag == Schema.Type.Null);

    private static object? Value(Schema schema, JsonElement json, string field)
    {
        switch (schema)
        {
            case UnionSchema union when IsOptional(union) && union.Count == 2:
                return json.ValueKind == JsonValueKind.Null ? null : Value(union.Schemas.First(s => s.Tag != Schema.Type.Null), json, field);
            case LogicalSchema { LogicalTypeName: "timestamp-millis" }:
                if (json.ValueKind != JsonValueKind.Number || !json.TryGetInt64(out var ms))
                {
                    throw Invalid(field, "must be a timestamp in epoch milliseconds (an integer)", json);
                }

                return ms is >= MinEpochMs and <= MaxEpochMs
                    ? DateTime.UnixEpoch.AddTicks(ms * TimeSpan.TicksPerMillisecond)
                    : throw Invalid(field, "is out of the range of timestamps (years 1 to 9999)", json);
            case EnumSchema symbols:
                var symbol = json.ValueKind == JsonValueKind.String ? json.GetString()! : null;
                return symbol is not null && symbols.Contains(symbol)
                    ? Enum.Parse(ContractEnum(symbols), symbol, ignoreCase: false)
                    : throw Invalid(field, $"must be one of {string.Join(", ", symbols.Symbols)}", json);
            case ArraySchema { ItemSchema.Tag: Schema.Type.String }:
                return json.ValueKind == JsonValueKind.Array
                    ? json.EnumerateArray().Select(item => (string)Primitive(Schema.Type.String, item, field)).ToList()
                    : throw Invalid(field, "must be an array of strings", json);
            case PrimitiveSchema primitive:
                return Primitive(primitive.Tag, json, field);
            default:
                throw new NotSupportedException($"Field '{field}' has schema type {schema.Tag}, which backtest input does not support.");
        }
    }

    private static object Primitive(Schema.Type type, JsonElement json, string field) => type switch
    {
        Schema.Type.String => json.ValueKind == JsonValueKind.String ? json.GetString()! : throw Invalid(field, "must be a string", json),
        Schema.Type.Boolean => json.ValueKind is JsonValueKind.True or JsonValueKind.False ? json.GetBoolean() : throw Invalid(field, "must be true or false", json),
        Schema.Type.Int => json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out var i) ? i : throw Invalid(field, "must be an integer (32-bit)", json),
        Schema.Type.Long => json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out var l) ? l : throw Invalid(field, "must be an integer (64-bit)", json),
        Schema.Type.Double => json.ValueKind == JsonValueKind.Number && json.TryGetDouble(out var d) ? d : throw Invalid(field, "must be a number", json),
        _ => throw new NotSupportedException($"Field '{field}' has schema type {type}, which backtest input does not support."),
    };

    private static Type ContractEnum(EnumSchema schema) =>
        typeof(Transaction).Assembly.GetType($"{typeof(Transaction).Namespace}.{schema.Name}", throwOnError: true)!;

    private static BacktestInputException Invalid(string field, string expectation, JsonElement json) =>
        new($"field '{field}' {expectation}, was {Describe(json)}");

    internal static string Describe(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString() is { Length: > 40 } s ? $"\"{s[..40]}...\"" : $"\"{json.GetString()}\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => json.GetRawText(),
    };
}
