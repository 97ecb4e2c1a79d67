using System.Collections.Concurrent;
using Avro;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// Maps Avro named types to the generated C# contracts. The C# full name of a contract is its Avro
/// full name (<c>RiskStreams.Avro.Contracts.RiskReason</c>), so this is a cached lookup confined to
/// the contracts assembly (Apache.Avro's own lookup scans every loaded assembly).
/// </summary>
internal static class ContractTypeMap
{
    private static readonly System.Reflection.Assembly ContractsAssembly = typeof(Transaction).Assembly;
    private static readonly ConcurrentDictionary<string, Type> NamedTypes = new(StringComparer.Ordinal);

    /// <summary>Returns the CLR type generated for an Avro record, enum or fixed full name.</summary>
    internal static Type ResolveNamed(string avroFullName) =>
        NamedTypes.GetOrAdd(avroFullName, static name =>
            ContractsAssembly.GetType(name, throwOnError: false)
                ?? throw new AvroException($"No generated contract type for Avro type '{name}'."));

    /// <summary>
    /// Returns the CLR type the generated code uses for a value of <paramref name="schema"/>
    /// (array items and map values are what Apache.Avro asks for).
    /// </summary>
    internal static Type ClrTypeOf(Schema schema) => schema switch
    {
        LogicalSchema logical => ClrTypeOfLogical(logical),
        NamedSchema named => ResolveNamed(named.Fullname),
        ArraySchema array => typeof(IList<>).MakeGenericType(ClrTypeOf(array.ItemSchema)),
        MapSchema map => typeof(IDictionary<,>).MakeGenericType(typeof(string), ClrTypeOf(map.ValueSchema)),
        UnionSchema union => ClrTypeOfUnion(union),
        _ => ClrTypeOfPrimitive(schema.Tag),
    };

    private static Type ClrTypeOfLogical(LogicalSchema logical) => logical.LogicalTypeName switch
    {
        "timestamp-millis" or "timestamp-micros" or "date" => typeof(DateTime),
        "time-millis" or "time-micros" => typeof(TimeSpan),
        "uuid" => typeof(Guid),
        "decimal" => typeof(global::Avro.AvroDecimal),
        _ => ClrTypeOf(logical.BaseSchema),
    };

    private static Type ClrTypeOfUnion(UnionSchema union)
    {
        if (union.Count == 2)
        {
            var nullIndex = union.Schemas[0].Tag == Schema.Type.Null ? 0 : union.Schemas[1].Tag == Schema.Type.Null ? 1 : -1;
            if (nullIndex >= 0)
            {
                var other = ClrTypeOf(union.Schemas[1 - nullIndex]);
                return other.IsValueType ? typeof(Nullable<>).MakeGenericType(other) : other;
            }
        }

        return typeof(object);
    }

    private static Type ClrTypeOfPrimitive(Schema.Type tag) => tag switch
    {
        Schema.Type.Boolean => typeof(bool),
        Schema.Type.Int => typeof(int),
        Schema.Type.Long => typeof(long),
        Schema.Type.Float => typeof(float),
        Schema.Type.Double => typeof(double),
        Schema.Type.Bytes => typeof(byte[]),
        Schema.Type.String => typeof(string),
        _ => typeof(object),
    };
}
