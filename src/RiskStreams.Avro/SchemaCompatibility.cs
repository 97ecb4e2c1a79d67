using Avro;

namespace RiskStreams.Avro;

/// <summary>
/// Avro schema resolution as a check: can data written with one schema be read with another?
/// Follows the Avro specification: record fields are matched by name (or reader field alias); a
/// reader field the writer lacks needs a default; int→long→float→double and string↔bytes are
/// promotions; writer enum symbols must exist in the reader unless the reader's enum has a default;
/// every writer union branch must be readable; arrays, maps and nested records are checked deeply.
/// Logical types are compared by their underlying types, as the specification says.
/// </summary>
public static class SchemaCompatibility
{
    /// <summary>Checks whether <paramref name="reader"/> can read data written with <paramref name="writer"/>.</summary>
    /// <param name="reader">The schema the data is read with (the newer one for BACKWARD compatibility).</param>
    /// <param name="writer">The schema the data was written with.</param>
    /// <returns>Every incompatibility found.</returns>
    public static SchemaCompatibilityResult Check(Schema reader, Schema writer)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        var issues = new List<SchemaIncompatibility>();
        CheckNode(reader, writer, RootPath(reader), issues, new HashSet<(string, string)>());
        return new SchemaCompatibilityResult(issues);
    }

    /// <summary>Shorthand for <c>Check(reader, writer).IsCompatible</c>.</summary>
    /// <param name="reader">The schema the data is read with.</param>
    /// <param name="writer">The schema the data was written with.</param>
    /// <returns>True when every value of <paramref name="writer"/> can be read with <paramref name="reader"/>.</returns>
    public static bool CanRead(Schema reader, Schema writer) => Check(reader, writer).IsCompatible;

    private static string RootPath(Schema schema) => schema is NamedSchema named ? named.Fullname : schema.Tag.ToString().ToUpperInvariant();

    private static void CheckNode(Schema reader, Schema writer, string path, List<SchemaIncompatibility> issues, HashSet<(string, string)> visited)
    {
        reader = Underlying(reader);
        writer = Underlying(writer);

        if (writer is UnionSchema writerUnion)
        {
            // Every branch the writer may have chosen must be readable.
            for (var i = 0; i < writerUnion.Count; i++)
            {
                CheckNode(reader, writerUnion.Schemas[i], path, issues, visited);
            }

            return;
        }

        if (reader is UnionSchema readerUnion)
        {
            if (!readerUnion.Schemas.Any(branch => IsReadable(branch, writer, visited)))
            {
                issues.Add(new(SchemaIncompatibilityKind.MissingUnionBranch, path,
                    $"no branch of the reader's union {readerUnion} can read the writer's {Describe(writer)}"));
            }

            return;
        }

        switch (reader)
        {
            case RecordSchema readerRecord when writer is RecordSchema writerRecord:
                if (SameName(readerRecord, writerRecord, path, issues) && visited.Add((readerRecord.Fullname, writerRecord.Fullname)))
                {
                    CheckFields(readerRecord, writerRecord, path, issues, visited);
                }

                break;
            case EnumSchema readerEnum when writer is EnumSchema writerEnum:
                if (SameName(readerEnum, writerEnum, path, issues))
                {
                    CheckSymbols(readerEnum, writerEnum, path, issues);
                }

                break;
            case FixedSchema readerFixed when writer is FixedSchema writerFixed:
                if (SameName(readerFixed, writerFixed, path, issues) && readerFixed.Size != writerFixed.Size)
                {
                    issues.Add(new(SchemaIncompatibilityKind.FixedSizeMismatch, path,
                        $"the reader's fixed has {readerFixed.Size} bytes, the writer's {writerFixed.Size}"));
                }

                break;
            case ArraySchema readerArray when writer is ArraySchema writerArray:
                CheckNode(readerArray.ItemSchema, writerArray.ItemSchema, path + "[]", issues, visited);
                break;
            case MapSchema readerMap when writer is MapSchema writerMap:
                CheckNode(readerMap.ValueSchema, writerMap.ValueSchema, path + "{}", issues, visited);
                break;
            default:
                if (!IsPrimitivePromotion(reader.Tag, writer.Tag))
                {
                    issues.Add(new(SchemaIncompatibilityKind.TypeMismatch, path,
                        $"the reader's {Describe(reader)} cannot read the writer's {Describe(writer)}"));
                }

                break;
        }
    }

    private static void CheckFields(RecordSchema reader, RecordSchema writer, string path, List<SchemaIncompatibility> issues, HashSet<(string, string)> visited)
    {
        foreach (var readerField in reader.Fields)
        {
            var writerField = FindWriterField(readerField, writer);
            if (writerField is not null)
            {
                CheckNode(readerField.Schema, writerField.Schema, $"{path}.{readerField.Name}", issues, visited);
            }
            else if (readerField.DefaultValue is null)
            {
                issues.Add(new(SchemaIncompatibilityKind.MissingDefault, $"{path}.{readerField.Name}",
                    $"field '{readerField.Name}' is missing in the writer's {writer.Fullname} and the reader gives it no default"));
            }
        }
    }

    private static Field? FindWriterField(Field readerField, RecordSchema writer)
    {
        if (writer.TryGetField(readerField.Name, out var field))
        {
            return field;
        }

        foreach (var alias in readerField.Aliases ?? [])
        {
            if (writer.TryGetField(alias, out field))
            {
                return field;
            }
        }

        return null;
    }

    private static void CheckSymbols(EnumSchema reader, EnumSchema writer, string path, List<SchemaIncompatibility> issues)
    {
        var missing = writer.Symbols.Where(symbol => !reader.Contains(symbol)).ToList();
        if (missing.Count > 0 && reader.Default is null)
        {
            issues.Add(new(SchemaIncompatibilityKind.MissingEnumSymbols, path,
                $"the writer's enum {writer.Fullname} has symbol(s) {string.Join(", ", missing)} that the reader lacks, and the reader's enum has no default"));
        }
    }

    private static bool SameName(NamedSchema reader, NamedSchema writer, string path, List<SchemaIncompatibility> issues)
    {
        if (string.Equals(reader.Name, writer.Name, StringComparison.Ordinal))
        {
            return true;
        }

        issues.Add(new(SchemaIncompatibilityKind.NameMismatch, path,
            $"the reader's {reader.Tag.ToString().ToLowerInvariant()} is named {reader.Fullname}, the writer's {writer.Fullname}"));
        return false;
    }

    private static bool IsReadable(Schema reader, Schema writer, HashSet<(string, string)> visited)
    {
        var issues = new List<SchemaIncompatibility>();
        CheckNode(reader, writer, string.Empty, issues, [.. visited]);
        return issues.Count == 0;
    }

    private static bool IsPrimitivePromotion(Schema.Type reader, Schema.Type writer) =>
        reader == writer || (writer, reader) switch
        {
            (Schema.Type.Int, Schema.Type.Long or Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Long, Schema.Type.Float or Schema.Type.Double) => true,
            (Schema.Type.Float, Schema.Type.Double) => true,
            (Schema.Type.String, Schema.Type.Bytes) or (Schema.Type.Bytes, Schema.Type.String) => true,
            _ => false,
        };

    private static Schema Underlying(Schema schema) => schema is LogicalSchema logical ? logical.BaseSchema : schema;

    private static string Describe(Schema schema) => schema switch
    {
        NamedSchema named => $"{named.Tag.ToString().ToLowerInvariant()} {named.Fullname}",
        _ => schema.Tag.ToString().ToLowerInvariant(),
    };
}
