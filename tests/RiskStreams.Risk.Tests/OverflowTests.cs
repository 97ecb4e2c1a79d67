using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Sums saturate instead of wrapping, so absurd amounts fed past validation cannot change a decision.</summary>
public sealed class OverflowTests
{
    [Fact]
    public void Two_9e18_purchases_in_the_baseline_saturate_and_an_ordinary_purchase_is_no_spike()
    {
        var a = new Account();
        a.History();
        a.Txn(T0 - (3 * Day), 9_000_000_000_000_000_000, "m-x", Beijing);
        a.Txn(T0 - (2 * Day), 9_000_000_000_000_000_000, "m-y", Beijing);

        Assert.Null(a.Txn(T0, 150_000, "m-1", Beijing));
        Assert.Equal(42, a.Features.BaselineCount);
        Assert.Equal(long.MaxValue, a.Features.BaselineSpendMinor);
        Assert.Equal(long.MaxValue / 42, a.Features.BaselineAverageMinor);
        Assert.Empty(a.Changes);
    }

    [Fact]
    public void Window_spend_saturates_at_the_largest_amount()
    {
        var a = new Account();
        a.Txn(T0, long.MaxValue, "m-1", Beijing);
        a.Txn(T0 + 1, long.MaxValue, "m-2", Beijing);
        Assert.Equal(new TransactionTotals(2, 0, long.MaxValue, 0), a.Features.Last10Minutes);
    }
}
