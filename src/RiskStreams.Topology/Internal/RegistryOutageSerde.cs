using RiskStreams.Avro;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Tells the engine a Schema Registry outage from bad data: <see cref="SchemaRegistryUnavailableException"/> from the
/// Avro serdes becomes the engine's <see cref="DependencyUnavailableException"/> (pause and retry), everything else
/// passes unchanged (a poison record goes to the handlers and the dead-letter topic).
/// </summary>
internal sealed class RegistryOutageSerde<T>(Serde<T> inner) : Serde<T>
{
    public override byte[]? Serialize(string topic, T value)
    {
        try
        {
            return inner.Serialize(topic, value);
        }
        catch (SchemaRegistryUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    public override T Deserialize(string topic, ReadOnlySpan<byte> data, bool isNull)
    {
        try
        {
            return inner.Deserialize(topic, data, isNull);
        }
        catch (SchemaRegistryUnavailableException e)
        {
            throw Unavailable(e);
        }
    }

    public override string ToString() => inner.ToString();

    private static DependencyUnavailableException Unavailable(SchemaRegistryUnavailableException e) =>
        new($"Schema Registry unavailable: {e.Message}", e);
}
