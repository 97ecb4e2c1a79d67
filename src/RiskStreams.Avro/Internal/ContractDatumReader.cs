using Avro;
using Avro.IO;
using Avro.Specific;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// Reads Avro binary into the generated contracts, resolving the writer's schema to the reader's
/// (Avro schema-resolution rules as implemented by <see cref="SpecificDefaultReader"/>), with type
/// lookup through <see cref="ContractTypeMap"/>. Stateless per record, so one instance per
/// (writer schema, reader type) is reused for every record.
/// </summary>
internal sealed class ContractDatumReader : SpecificDefaultReader
{
    internal ContractDatumReader(Schema writerSchema, Schema readerSchema)
        : base(writerSchema, readerSchema)
    {
    }

    /// <summary>
    /// Reads one value. Bypasses <c>Read&lt;T&gt;</c>'s up-front <c>CanRead</c> check on purpose: the
    /// caller checks compatibility itself, and unknown enum symbols must fail per record, not per schema.
    /// </summary>
    internal object ReadValue(Decoder decoder) => Read(null, WriterSchema, ReaderSchema, decoder);

    protected override object ReadRecord(object reuse, RecordSchema writerSchema, Schema readerSchema, Decoder dec)
    {
        if (reuse is null && readerSchema is RecordSchema { Name: not null } rs)
        {
            reuse = Activator.CreateInstance(ContractTypeMap.ResolveNamed(rs.Fullname))
                ?? throw new AvroException($"Cannot create an instance for '{rs.Fullname}'.");
        }

        return base.ReadRecord(reuse, writerSchema, readerSchema, dec);
    }

    protected override object ReadEnum(object reuse, EnumSchema writerSchema, Schema readerSchema, Decoder dec)
    {
        var readerEnum = (EnumSchema)readerSchema;
        var index = dec.ReadEnum();
        if (index < 0 || index >= writerSchema.Count)
        {
            throw new AvroException($"Enum index {index} is out of range for '{writerSchema.Fullname}' ({writerSchema.Count} symbols).");
        }

        var symbol = writerSchema[index];
        int ordinal;
        if (readerEnum.Contains(symbol))
        {
            ordinal = readerEnum.Ordinal(symbol);
        }
        else if (readerEnum.Default is { } fallback)
        {
            ordinal = readerEnum.Ordinal(fallback);
        }
        else
        {
            throw new SchemaResolutionException(
                $"Symbol '{symbol}' of enum '{writerSchema.Fullname}' is unknown to the reader and the reader's enum has no default.");
        }

        return Enum.ToObject(ContractTypeMap.ResolveNamed(readerEnum.Fullname), ordinal);
    }

    protected override string getTargetType(Schema schema)
    {
        // Apache.Avro asks for the item (array) or value (map) type name and resolves it with
        // Type.GetType, so an assembly-qualified name is unambiguous.
        var item = schema switch
        {
            ArraySchema array => array.ItemSchema,
            MapSchema map => map.ValueSchema,
            _ => schema,
        };
        return ContractTypeMap.ClrTypeOf(item).AssemblyQualifiedName!;
    }
}
