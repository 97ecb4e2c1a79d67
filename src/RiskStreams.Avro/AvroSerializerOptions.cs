namespace RiskStreams.Avro;

/// <summary>Settings of an <see cref="AvroSerializer{T}"/>.</summary>
public sealed record AvroSerializerOptions
{
    /// <summary>The defaults: schemas are registered automatically.</summary>
    public static AvroSerializerOptions Default { get; } = new();

    /// <summary>
    /// When true (the default) the serializer registers its schema under the subject on first use
    /// (a no-op if it is already there). When false it uses the subject's latest version, which must
    /// have the same Avro parsing form as the record's schema.
    /// </summary>
    public bool AutoRegisterSchemas { get; init; } = true;

    /// <summary>Returns a copy with <see cref="AutoRegisterSchemas"/> set.</summary>
    /// <param name="autoRegister">Whether to register schemas automatically.</param>
    /// <returns>The new options.</returns>
    public AvroSerializerOptions WithAutoRegisterSchemas(bool autoRegister) => this with { AutoRegisterSchemas = autoRegister };
}
