using Avro;

namespace RiskStreams.Avro.Internal;

/// <summary>
/// How records written with one writer schema are read into a contract type: a reusable reader,
/// or the reason why they cannot be read at all.
/// </summary>
internal sealed class ResolvedReader
{
    private ResolvedReader(ContractDatumReader? reader, string? mismatch)
    {
        Reader = reader;
        Mismatch = mismatch;
    }

    internal ContractDatumReader? Reader { get; }

    internal string? Mismatch { get; }

    internal static ResolvedReader Create(Schema writerSchema, Schema readerSchema)
    {
        // Unknown enum symbols are resolved per record (the reader's default, or an error when a
        // record actually carries one), so a writer that only added a symbol stays readable.
        var blocking = SchemaCompatibility.Check(readerSchema, writerSchema).Incompatibilities
            .Where(issue => issue.Kind != SchemaIncompatibilityKind.MissingEnumSymbols)
            .ToList();
        return blocking.Count == 0
            ? new ResolvedReader(new ContractDatumReader(writerSchema, readerSchema), null)
            : new ResolvedReader(null, string.Join("; ", blocking));
    }

    internal static ResolvedReader Unparsable(string message) => new(null, message);
}
