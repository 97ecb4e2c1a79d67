namespace RiskStreams.Risk;

/// <summary>
/// A read-only snapshot of one account's features at its stream time (the latest event time seen), as
/// the policy's rules see them. For queries and explanations; see <see cref="AccountRiskDecider.Features"/>.
/// </summary>
/// <param name="AtMs">Event time of the snapshot.</param>
/// <param name="Last10Minutes">Transactions in the 10 minutes up to <paramref name="AtMs"/>.</param>
/// <param name="LastHour">Transactions in the hour up to <paramref name="AtMs"/>.</param>
/// <param name="Last24Hours">Transactions in the 24 hours up to <paramref name="AtMs"/>.</param>
/// <param name="BaselineCount">Approved transactions in the spend baseline (the policy's baseline window, before its spike window).</param>
/// <param name="BaselineSpendMinor">Approved spend in the baseline.</param>
/// <param name="FailedLoginsLast10Minutes">Failed logins in the 10 minutes up to <paramref name="AtMs"/>.</param>
/// <param name="KnownDevices">Devices remembered for the account.</param>
/// <param name="OverdueBills">Bills held as overdue (confirmed or still awaiting sync).</param>
/// <param name="MaxDaysPastDue">Days past due of the most overdue bill (0 with none).</param>
/// <param name="Utilization">Outstanding / limit from the latest repayment record carrying both, or null.</param>
public sealed record AccountFeatures(
    long AtMs,
    TransactionTotals Last10Minutes,
    TransactionTotals LastHour,
    TransactionTotals Last24Hours,
    long BaselineCount,
    long BaselineSpendMinor,
    int FailedLoginsLast10Minutes,
    int KnownDevices,
    int OverdueBills,
    int MaxDaysPastDue,
    double? Utilization)
{
    /// <summary>Average approved transaction of the baseline, or null when it is empty.</summary>
    public long? BaselineAverageMinor => BaselineCount == 0 ? null : BaselineSpendMinor / BaselineCount;
}
