using RiskStreams.Avro;

namespace RiskStreams.Topology;

/// <summary>Topic names of the risk pipeline (defaults; each can be overridden in <see cref="RiskTopologyOptions"/>).</summary>
public static class RiskTopics
{
    /// <summary>Card and credit-line transactions, key accountId.</summary>
    public const string Transactions = ContractTopics.Transactions;

    /// <summary>Login attempts, key accountId.</summary>
    public const string Logins = ContractTopics.Logins;

    /// <summary>Bill states synced from lending ledgers, key accountId.</summary>
    public const string Repayments = ContractTopics.Repayments;

    /// <summary>Per-source sync heartbeats, key sourceSystem.</summary>
    public const string SyncStatus = ContractTopics.SyncStatus;

    /// <summary>Review decisions (appeals, manual reviews), key accountId.</summary>
    public const string Reviews = ContractTopics.Reviews;

    /// <summary>Risk-level changes, key accountId.</summary>
    public const string LevelChanges = ContractTopics.LevelChanges;

    /// <summary>Records that could not be processed, with the reason in headers.</summary>
    public const string DeadLetter = "riskstreams.dlq";
}
