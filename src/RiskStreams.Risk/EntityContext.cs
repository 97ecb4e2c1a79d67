namespace RiskStreams.Risk;

/// <summary>
/// The cross-account view of one account event: the sliding-window aggregates of its device, its network address and its
/// merchant as of the event's time. Each is null when the event has no such entity (a transaction has no login device
/// aggregate, a login without an address no address aggregate). Holds no other account's id.
/// </summary>
/// <param name="Device">The login's device over the <see cref="Rules.DeviceSharedRule"/> window.</param>
/// <param name="Ip">The login's network address over the <see cref="Rules.IpCredentialStuffingRule"/> window.</param>
/// <param name="Merchant">The transaction's merchant over the <see cref="Rules.MerchantCardTestingRule"/> window.</param>
public sealed record EntityContext(EntityWindowSummary? Device = null, EntityWindowSummary? Ip = null, EntityWindowSummary? Merchant = null);

/// <summary>What happened at one entity (device, address, merchant) in the window ending at an event's time.</summary>
/// <param name="EntityTag">The entity's pseudonymous tag (<see cref="EntityTags"/>), never its id.</param>
/// <param name="WindowMs">Length of the window, in milliseconds.</param>
/// <param name="Events">Events in the window.</param>
/// <param name="DistinctAccounts">Distinct accounts in the window: exact up to <see cref="EntityWindow.ExactDistinctCap"/>, then estimated.</param>
/// <param name="DistinctExact">Whether <paramref name="DistinctAccounts"/> is exact.</param>
/// <param name="FailedLogins">Failed logins in the window.</param>
/// <param name="VerifiedLogins">Successful logins that passed MFA in the window.</param>
/// <param name="SmallTransactions">Small transactions (at or below the merchant rule's amount) in the window.</param>
/// <param name="SmallDeclined">Of those, declined ones.</param>
public sealed record EntityWindowSummary(
    string EntityTag, long WindowMs, int Events, int DistinctAccounts, bool DistinctExact, int FailedLogins, int VerifiedLogins,
    int SmallTransactions, int SmallDeclined)
{
    /// <summary>Logins neither failed nor verified by MFA.</summary>
    public int UnverifiedLogins => Math.Max(0, Events - FailedLogins - VerifiedLogins);
}
