using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>A part payment does not make a late bill current: it counts as overdue by its days past due; only a full payment is a repayment.</summary>
public sealed class PartialPaymentTests
{
    private readonly Account _a = new();

    public PartialPaymentTests() => _a.Coverage.Update("ledger", T0);

    [Fact]
    public void Partially_paid_bill_95_days_late_suspends_with_its_unpaid_remainder_as_evidence()
    {
        var change = _a.Apply(Partial("p1", T0, paid: 3_000, daysPastDue: 95));

        Assert.NotNull(change);
        Assert.Equal("acct:1|Normal|Suspended|90|REPAYMENT_OVERDUE|NotifyCustomer,SuspendCredit,OpenManualReview|p1", Describe(change));
        var reason = Assert.Single(change.Reasons);
        Assert.Equal("A bill on your account is 95 days past due.", reason.Message);
        Assert.Equal(
        [
            new("overdueBills", "1"), new("maxDaysPastDue", "95"), new("billsForSuspension", "3"), new("billId", "b1"),
            new("billStatus", "PARTIALLY_PAID"), new("amountDueMinor", "10000"), new("amountPaidMinor", "3000"), new("unpaidMinor", "7000"),
        ], reason.Evidence);
    }

    [Fact]
    public void Partially_paid_bill_not_yet_due_is_not_overdue()
    {
        Assert.Null(_a.Apply(Partial("p1", T0, paid: 3_000, daysPastDue: 0, dueDate: T0 + Day)));
        Assert.False(_a.State.HasOverdueBills);
    }

    [Fact]
    public void A_part_payment_of_an_overdue_bill_keeps_it_overdue_and_a_full_payment_gives_repayment_received()
    {
        _a.Bill(T0, "b1", T0 - (95 * Day), BillState.Overdue, 95);
        Assert.Null(_a.Apply(Partial("p1", T0 + Hour, paid: 3_000, daysPastDue: 95)));
        Assert.Equal(RiskLevel.Suspended, _a.State.Level);

        var paid = _a.Apply(new RepaymentEvent("p2", "acct", T0 + (2 * Hour), "ledger", "b1", T0 - (95 * Day), BillState.Paid, 95, 10_000, 10_000, null, null));
        Assert.NotNull(paid);
        Assert.Equal("acct:2|Suspended|Normal|0|REPAYMENT_RECEIVED|NotifyCustomer,RestoreCredit|p2", Describe(paid));
        Assert.Equal([new("billId", "b1"), new("amountPaidMinor", "10000")], paid.Reasons[0].Evidence);
    }

    private static RepaymentEvent Partial(string id, long at, long paid, int daysPastDue, long? dueDate = null) =>
        new(id, "acct", at, "ledger", "b1", dueDate ?? at - (daysPastDue * Day), BillState.PartiallyPaid, daysPastDue, 10_000, paid, null, null);
}
