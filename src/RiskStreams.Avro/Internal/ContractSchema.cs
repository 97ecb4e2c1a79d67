using Avro;
using Avro.Specific;

namespace RiskStreams.Avro.Internal;

/// <summary>The Avro schema of a generated contract type.</summary>
internal static class ContractSchema
{
    internal static Schema Of<T>()
        where T : class, ISpecificRecord =>
        Activator.CreateInstance<T>().Schema;
}
