using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using Avro;
using Avro.Specific;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Writes a generated Avro contract as one line of compact JSON, driven by its schema: fields in schema
/// order with their schema names, enums as symbols, timestamps as epoch milliseconds, maps as objects.
/// </summary>
internal static class AvroJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(ISpecificRecord record)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            Value(writer, record.Schema, record);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Value(Utf8JsonWriter writer, Schema schema, object? value)
    {
        switch (schema)
        {
            case UnionSchema union:
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    Value(writer, union.Schemas.First(s => s.Tag != Schema.Type.Null), value);
                }

                break;
            case RecordSchema record:
                var specific = (ISpecificRecord)value!;
                writer.WriteStartObject();
                foreach (var field in record.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    Value(writer, field.Schema, specific.Get(field.Pos));
                }

                writer.WriteEndObject();
                break;
            case ArraySchema array:
                writer.WriteStartArray();
                foreach (var item in (IEnumerable)value!)
                {
                    Value(writer, array.ItemSchema, item);
                }

                writer.WriteEndArray();
                break;
            case MapSchema map:
                writer.WriteStartObject();
                foreach (DictionaryEntry entry in (IDictionary)value!)
                {
                    writer.WritePropertyName((string)entry.Key);
                    Value(writer, map.ValueSchema, entry.Value);
                }

                writer.WriteEndObject();
                break;
            case LogicalSchema { LogicalTypeName: "timestamp-millis" }:
                writer.WriteNumberValue(EventMapper.ToUnixMs((DateTime)value!));
                break;
            case EnumSchema:
                writer.WriteStringValue(value!.ToString());
                break;
            case PrimitiveSchema primitive:
                Primitive(writer, primitive.Tag, value);
                break;
            default:
                throw new NotSupportedException($"Schema type {schema.Tag} is not supported in backtest output.");
        }
    }

    private static void Primitive(Utf8JsonWriter writer, Schema.Type type, object? value)
    {
        switch (type)
        {
            case Schema.Type.String:
                writer.WriteStringValue((string)value!);
                break;
            case Schema.Type.Boolean:
                writer.WriteBooleanValue((bool)value!);
                break;
            case Schema.Type.Int:
                writer.WriteNumberValue((int)value!);
                break;
            case Schema.Type.Long:
                writer.WriteNumberValue((long)value!);
                break;
            case Schema.Type.Double:
                writer.WriteNumberValue((double)value!);
                break;
            default:
                throw new NotSupportedException($"Schema type {type} is not supported in backtest output.");
        }
    }
}
