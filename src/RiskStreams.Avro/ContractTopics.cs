namespace RiskStreams.Avro;

/// <summary>
/// Default topic of each contract (see schemas/README.md). Value subjects follow TopicNameStrategy:
/// <c>{topic}-value</c>. Keys are UTF-8 strings.
/// </summary>
public static class ContractTopics
{
    /// <summary>Transactions, key accountId.</summary>
    public const string Transactions = "credit.transactions";

    /// <summary>Logins, key accountId.</summary>
    public const string Logins = "account.logins";

    /// <summary>Repayment syncs, key accountId.</summary>
    public const string Repayments = "repayment.sync";

    /// <summary>Per-source sync heartbeats, key sourceSystem.</summary>
    public const string SyncStatus = "repayment.sync.status";

    /// <summary>Review decisions (appeals, manual reviews), key accountId.</summary>
    public const string Reviews = "account.reviews";

    /// <summary>Risk-level changes, key accountId.</summary>
    public const string LevelChanges = "risk.level.changes";
}
