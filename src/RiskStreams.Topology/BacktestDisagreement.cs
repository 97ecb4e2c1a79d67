using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>An account on which two policies' level changes differ.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="FinalLevel">Its level after the whole input under the first policy.</param>
/// <param name="OtherFinalLevel">Its level after the whole input under the other policy.</param>
/// <param name="Differences">The change versions that differ, in version order.</param>
public sealed record BacktestDisagreement(string AccountId, RiskLevel FinalLevel, RiskLevel OtherFinalLevel, IReadOnlyList<BacktestChangeDifference> Differences)
{
    /// <summary>True when the account ends at a different level under each policy.</summary>
    public bool FinalLevelDiffers => FinalLevel != OtherFinalLevel;
}
