using RiskStreams.Avro;

namespace RiskStreams.DevStack;

/// <summary>Input topic names the generator writes to (the risk pipeline's defaults).</summary>
public sealed record WorkloadTopics
{
    /// <summary>Transactions.</summary>
    public string Transactions { get; init; } = ContractTopics.Transactions;

    /// <summary>Logins.</summary>
    public string Logins { get; init; } = ContractTopics.Logins;

    /// <summary>Repayment syncs.</summary>
    public string Repayments { get; init; } = ContractTopics.Repayments;

    /// <summary>Review decisions (appeals the generator knows to be false positives).</summary>
    public string Reviews { get; init; } = ContractTopics.Reviews;

    /// <summary>Sync-status heartbeats.</summary>
    public string SyncStatus { get; init; } = ContractTopics.SyncStatus;
}
