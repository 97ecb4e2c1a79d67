namespace RiskStreams.Avro;

/// <summary>One reason why a reader's schema cannot read a writer's data.</summary>
/// <param name="Kind">What kind of mismatch.</param>
/// <param name="Path">Where in the reader's schema, e.g. <c>RiskStreams.Avro.Contracts.RiskLevelChanged.reasons[].code</c>.</param>
/// <param name="Message">A sentence for people.</param>
public sealed record SchemaIncompatibility(SchemaIncompatibilityKind Kind, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}
