using RiskStreams.Risk;
using RiskStreams.Streams;

namespace RiskStreams.Topology.Internal;

/// <summary>Serde of the account state store: the domain's compact versioned binary codec (JSON states of earlier releases still decode).</summary>
internal static class AccountStateSerde
{
    public static Serde<AccountRiskState> Instance { get; } = Serde<AccountRiskState>.From(
        (_, state) => state is null ? null : AccountRiskStateCodec.Encode(state),
        (_, data, isNull) => isNull ? null! : AccountRiskStateCodec.Decode(data));
}
