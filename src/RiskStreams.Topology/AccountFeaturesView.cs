namespace RiskStreams.Topology;

/// <summary>The features of an account that matter to its level, at the account's clock (amounts in <paramref name="Currency"/>).</summary>
/// <param name="Currency">Currency of the latest transaction (the amounts' currency), or null.</param>
/// <param name="TxnCount10m">Transactions (attempts) in the last 10 minutes.</param>
/// <param name="TxnCount1h">... in the last hour.</param>
/// <param name="TxnCount24h">... in the last 24 hours.</param>
/// <param name="Declined1h">Declined attempts in the last hour.</param>
/// <param name="Spend1hMinor">Approved spend in the last hour.</param>
/// <param name="Spend24hMinor">Approved spend in the last 24 hours.</param>
/// <param name="CashAdvance24hMinor">Approved cash advances in the last 24 hours.</param>
/// <param name="BaselineCount">Approved transactions in the spend baseline.</param>
/// <param name="BaselineSpendMinor">Their spend.</param>
/// <param name="LoginFailures10m">Failed logins in the last 10 minutes.</param>
/// <param name="LoginFailures1h">Failed logins in the last hour.</param>
/// <param name="KnownDevices">Devices remembered.</param>
/// <param name="OverdueBills">Bills held as overdue (confirmed or awaiting sync).</param>
/// <param name="SyncPendingBills">Overdue bills still awaiting their payment sources' sync.</param>
/// <param name="MaxDaysPastDue">Days past due of the most overdue bill.</param>
/// <param name="Utilization">Outstanding / limit, or null.</param>
public sealed record AccountFeaturesView(
    string? Currency, int TxnCount10m, int TxnCount1h, int TxnCount24h, int Declined1h, long Spend1hMinor, long Spend24hMinor,
    long CashAdvance24hMinor, long BaselineCount, long BaselineSpendMinor, int LoginFailures10m, int LoginFailures1h, int KnownDevices,
    int OverdueBills, int SyncPendingBills, int MaxDaysPastDue, double? Utilization);
