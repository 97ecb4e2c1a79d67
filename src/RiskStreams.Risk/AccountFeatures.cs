namespace RiskStreams.Risk;

/// <summary>
/// A read-only snapshot of one account's features at its clock (the latest event time applied), as the policy's
/// rules see them. For queries and explanations; see <see cref="AccountRiskDecider.Features"/>. Attempt counts
/// cover every currency; amounts are never summed across currencies: the top-level spend figures are those of
/// <see cref="Currency"/> (the currency used last), and <see cref="ByCurrency"/> has every currency's.
/// </summary>
/// <param name="AtMs">Event time of the snapshot.</param>
/// <param name="Currency">The currency of the latest transaction (null with none); the top-level amounts are in it.</param>
/// <param name="Last10Minutes">Transactions in the 10 minutes up to <paramref name="AtMs"/>.</param>
/// <param name="LastHour">Transactions in the hour up to <paramref name="AtMs"/>.</param>
/// <param name="Last24Hours">Transactions in the 24 hours up to <paramref name="AtMs"/>.</param>
/// <param name="BaselineCount">Approved transactions in the spend baseline (the policy's baseline window, before its spike window).</param>
/// <param name="BaselineSpendMinor">Approved spend in the baseline.</param>
/// <param name="FailedLoginsLast10Minutes">Failed logins in the 10 minutes up to <paramref name="AtMs"/>.</param>
/// <param name="KnownDevices">Devices remembered for the account.</param>
/// <param name="OverdueBills">Bills held as overdue (confirmed or still awaiting sync), partly paid late bills included.</param>
/// <param name="MaxDaysPastDue">Days past due of the most overdue bill (0 with none).</param>
/// <param name="Utilization">Outstanding / limit from the latest repayment record carrying both, or null.</param>
/// <param name="ByCurrency">Per currency (ordinal order), the same windows and baseline restricted to that currency.</param>
public sealed record AccountFeatures(
    long AtMs,
    string? Currency,
    TransactionTotals Last10Minutes,
    TransactionTotals LastHour,
    TransactionTotals Last24Hours,
    long BaselineCount,
    long BaselineSpendMinor,
    int FailedLoginsLast10Minutes,
    int KnownDevices,
    int OverdueBills,
    int MaxDaysPastDue,
    double? Utilization,
    IReadOnlyList<CurrencyFeatures> ByCurrency)
{
    /// <summary>Failed logins in the hour up to <see cref="AtMs"/>.</summary>
    public int FailedLoginsLastHour { get; init; }

    /// <summary>Average approved transaction of the baseline, or null when it is empty.</summary>
    public long? BaselineAverageMinor => BaselineCount == 0 ? null : BaselineSpendMinor / BaselineCount;

    /// <summary>Value equality, <see cref="ByCurrency"/> compared element by element.</summary>
    public bool Equals(AccountFeatures? other) =>
        other is not null && AtMs == other.AtMs && Currency == other.Currency && Last10Minutes == other.Last10Minutes
        && LastHour == other.LastHour && Last24Hours == other.Last24Hours && BaselineCount == other.BaselineCount
        && BaselineSpendMinor == other.BaselineSpendMinor && FailedLoginsLast10Minutes == other.FailedLoginsLast10Minutes && FailedLoginsLastHour == other.FailedLoginsLastHour
        && KnownDevices == other.KnownDevices && OverdueBills == other.OverdueBills && MaxDaysPastDue == other.MaxDaysPastDue
        && Utilization == other.Utilization && ByCurrency.SequenceEqual(other.ByCurrency);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AtMs, Currency, LastHour, BaselineCount, ByCurrency.Count);
}

/// <summary>The transaction features of one currency of an account.</summary>
/// <param name="Currency">ISO-4217 code.</param>
/// <param name="Last10Minutes">Transactions in this currency in the last 10 minutes.</param>
/// <param name="LastHour">... in the last hour.</param>
/// <param name="Last24Hours">... in the last 24 hours.</param>
/// <param name="BaselineCount">Approved transactions in this currency in the spend baseline.</param>
/// <param name="BaselineSpendMinor">Their approved spend.</param>
public sealed record CurrencyFeatures(
    string Currency, TransactionTotals Last10Minutes, TransactionTotals LastHour, TransactionTotals Last24Hours, long BaselineCount, long BaselineSpendMinor);
