using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>One bill of the account.</summary>
/// <param name="BillId">The bill's id.</param>
/// <param name="State">Its ledger state.</param>
/// <param name="DaysPastDue">Days past due.</param>
/// <param name="UnpaidMinor">What is still owed, in minor units.</param>
/// <param name="DueDate">Its due date.</param>
/// <param name="SyncPending">Overdue but its payment sources have not synced past the due date (plus grace) yet.</param>
public sealed record AccountBillView(string BillId, BillStatus State, int DaysPastDue, long UnpaidMinor, DateTime DueDate, bool SyncPending);
