using RiskStreams.Risk;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>Serde of entity windows (window stores, versioned tables, their changelogs): the domain's binary codec.</summary>
internal static class EntityWindowSerde
{
    public static Serde<EntityWindow> Instance { get; } = Serde<EntityWindow>.From(
        (_, window) => window is null ? null : EntityWindowCodec.Encode(window),
        (_, data, isNull) => isNull ? null! : EntityWindowCodec.Decode(data));
}
