namespace RiskStreams.Risk;

/// <summary>A decided change of an account's level: what the output topic carries, in domain terms.</summary>
public sealed record LevelChange(
    string AccountId,
    long Version,
    RiskLevel PreviousLevel,
    RiskLevel Level,
    int Score,
    IReadOnlyList<RiskReason> Reasons,
    IReadOnlyList<RiskAction> Actions,
    bool Appealable,
    string PolicyVersion,
    string TriggeringEventId,
    string TriggeringStream,
    long EventTimeMs)
{
    /// <summary><c>{accountId}:{version}</c>, the idempotency key downstream.</summary>
    public string ChangeId => $"{AccountId}:{Version}";
}
