namespace RiskStreams.Risk;

/// <summary>One bill of an account as the account's state holds it (see <see cref="AccountRiskDecider.Bills"/>).</summary>
/// <param name="BillId">The bill's id.</param>
/// <param name="State">Its state in the ledger.</param>
/// <param name="DaysPastDue">Days past due as the ledger last reported.</param>
/// <param name="UnpaidMinor">Amount due minus amount paid (never below 0), in minor units.</param>
/// <param name="DueDateMs">Due date (epoch ms).</param>
/// <param name="SyncPending">True for an overdue bill whose payment sources have not synced past its due date plus the sync grace yet.</param>
public sealed record BillStanding(string BillId, BillState State, int DaysPastDue, long UnpaidMinor, long DueDateMs, bool SyncPending);
