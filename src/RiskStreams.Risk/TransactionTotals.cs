namespace RiskStreams.Risk;

/// <summary>Transactions of one account over one sliding window (refunds excluded).</summary>
/// <param name="Count">Attempts, approved or declined.</param>
/// <param name="Declined">Declined attempts.</param>
/// <param name="SpendMinor">Approved amount, purchases and cash advances, in minor units.</param>
/// <param name="CashAdvanceMinor">Approved cash-advance amount, in minor units.</param>
public readonly record struct TransactionTotals(int Count, int Declined, long SpendMinor, long CashAdvanceMinor)
{
    /// <summary>Declined / attempts (0 with no attempts).</summary>
    public double DeclineRatio => Count == 0 ? 0 : (double)Declined / Count;

    /// <summary>Cash advances / spend (0 with no spend).</summary>
    public double CashAdvanceShare => SpendMinor == 0 ? 0 : (double)CashAdvanceMinor / SpendMinor;
}
