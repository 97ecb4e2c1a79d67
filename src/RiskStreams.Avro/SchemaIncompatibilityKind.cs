namespace RiskStreams.Avro;

/// <summary>Kinds of reasons why a reader's schema cannot read a writer's data.</summary>
public enum SchemaIncompatibilityKind
{
    /// <summary>The types differ and no Avro promotion (int→long→float→double, string↔bytes) applies.</summary>
    TypeMismatch,

    /// <summary>Two records, enums or fixed types have different names.</summary>
    NameMismatch,

    /// <summary>A reader field is absent from the writer and has no default.</summary>
    MissingDefault,

    /// <summary>The writer's enum has symbols the reader lacks and the reader's enum has no default.</summary>
    MissingEnumSymbols,

    /// <summary>Two fixed types have different sizes.</summary>
    FixedSizeMismatch,

    /// <summary>No branch of the reader's union can read the writer's type.</summary>
    MissingUnionBranch,
}
