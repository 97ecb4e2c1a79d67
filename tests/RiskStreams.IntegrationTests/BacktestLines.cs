using System.Collections;
using System.Text.Json;
using Avro;
using Avro.Specific;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// Generated events as <c>riskstreams backtest</c> input lines (<c>{"stream": …, "event": {…}}</c>, see <c>RiskBacktest</c>): the
/// record's fields by their Avro names, timestamps as epoch milliseconds, enums as symbols, nulls omitted.
/// </summary>
internal static class BacktestLines
{
    public static string Of(GeneratedEvent e)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("stream", e.Value switch
            {
                Transaction => "transactions",
                Login => "logins",
                RepaymentSync => "repayments",
                ReviewDecision => "reviews",
                SyncStatus => "sync-status",
                _ => throw new ArgumentException($"No backtest stream for {e.Value.GetType().Name}.", nameof(e)),
            });
            writer.WritePropertyName("event");
            Value(writer, e.Value.Schema, e.Value);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Value(Utf8JsonWriter writer, Schema schema, object? value)
    {
        switch (schema)
        {
            case UnionSchema union:
                Value(writer, union.Schemas.First(s => s.Tag != Schema.Type.Null), value);
                break;
            case RecordSchema record:
                var specific = (ISpecificRecord)value!;
                writer.WriteStartObject();
                foreach (var field in record.Fields)
                {
                    if (specific.Get(field.Pos) is { } fieldValue)
                    {
                        writer.WritePropertyName(field.Name);
                        Value(writer, field.Schema, fieldValue);
                    }
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
                writer.WriteNumberValue((long)((DateTime)value! - DateTime.UnixEpoch).TotalMilliseconds);
                break;
            case EnumSchema:
                writer.WriteStringValue(value!.ToString());
                break;
            default:
                JsonSerializer.Serialize(writer, value, value!.GetType());
                break;
        }
    }
}
