namespace RiskStreams.Topology;

/// <summary>State stores of the risk topology (also the names of their changelog topics' middle part).</summary>
public static class RiskStoreNames
{
    /// <summary>Per-account features, bills and current level (key accountId).</summary>
    public const string AccountState = "account-risk-state";

    /// <summary>Accounts holding an overdue bill, re-checked when payment sources report progress (key accountId).</summary>
    public const string PendingSync = "accounts-awaiting-sync";

    /// <summary>
    /// Account events held back for <see cref="RiskTopologyOptions.ReorderGrace"/> so they are decided in event-time order
    /// (key: event time, then arrival sequence; shared by all accounts of a task).
    /// </summary>
    public const string ReorderBuffer = "account-event-buffer";

    /// <summary>
    /// Per account whose level may step down, the stream time of its next step-down check (key accountId, value epoch ms);
    /// fired by stream time, so a quiet account steps down once its cooldown has passed.
    /// </summary>
    public const string StepDownTimers = "account-stepdown-timers";

    /// <summary>Global table of the payment sources' sync heartbeats (key sourceSystem).</summary>
    public const string SyncStatus = "sync-status";
}
