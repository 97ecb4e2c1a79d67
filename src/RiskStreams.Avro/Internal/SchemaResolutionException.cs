using Avro;

namespace RiskStreams.Avro.Internal;

/// <summary>A value written with the writer's schema has no representation in the reader's schema.</summary>
internal sealed class SchemaResolutionException : AvroException
{
    internal SchemaResolutionException(string message)
        : base(message)
    {
    }
}
