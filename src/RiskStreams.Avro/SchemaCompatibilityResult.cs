namespace RiskStreams.Avro;

/// <summary>The outcome of <see cref="SchemaCompatibility.Check"/>.</summary>
public sealed class SchemaCompatibilityResult
{
    internal SchemaCompatibilityResult(IReadOnlyList<SchemaIncompatibility> incompatibilities)
    {
        Incompatibilities = incompatibilities;
    }

    /// <summary>True when the reader can read everything the writer can write.</summary>
    public bool IsCompatible => Incompatibilities.Count == 0;

    /// <summary>Every reason found, empty when compatible.</summary>
    public IReadOnlyList<SchemaIncompatibility> Incompatibilities { get; }

    /// <inheritdoc />
    public override string ToString() =>
        IsCompatible ? "compatible" : string.Join("; ", Incompatibilities);
}
