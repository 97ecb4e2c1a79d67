namespace RiskStreams.Risk;

/// <summary>
/// A payment source's sync coverage advanced: re-check an account whose bills looked overdue.
/// Carries no features of its own; the heartbeat's report time is its event time.
/// </summary>
public sealed record SyncCheckEvent(string EventId, string AccountId, long OccurredAtMs)
    : AccountEvent(EventId, AccountId, OccurredAtMs)
{
    /// <inheritdoc />
    public override string Stream => "sync-status";
}
