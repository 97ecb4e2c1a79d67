using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>Values are checked against their documented meaning; the first broken rule is reported with its field.</summary>
public sealed class AccountEventValidatorTests
{
    private static readonly TransactionEvent Purchase =
        new("t1", "acct", T0, 5_000, "m-1", true, false, false, "dev-1", "CN", Beijing, "CNY");

    private static readonly RepaymentEvent Overdue =
        new("r1", "acct", T0, "ledger", "b1", T0 - (35 * Day) - Hour, BillState.Overdue, 35, 10_000, 0, 10_000, 100_000);

    [Fact]
    public void Ordinary_events_pass()
    {
        Assert.Null(AccountEventValidator.Validate(Purchase, EventLimits.Default));
        Assert.Null(AccountEventValidator.Validate(Overdue, EventLimits.Default));
        Assert.Null(AccountEventValidator.Validate(new LoginEvent("l1", "acct", T0, true, "dev-1", false, null, null), EventLimits.Default));
        Assert.Null(AccountEventValidator.Validate(new SyncCheckEvent("s1", "acct", T0), EventLimits.Default));
    }

    [Fact]
    public void A_9e18_amount_is_rejected_against_the_ceiling()
    {
        Assert.Equal(
            new EventRejection("amountMinor", "amount-range", "amountMinor must be from 0 to 1000000000000, was 9000000000000000000"),
            AccountEventValidator.Validate(Purchase with { AmountMinor = 9_000_000_000_000_000_000 }, EventLimits.Default));
    }

    [Fact]
    public void The_amount_ceiling_comes_from_the_limits()
    {
        var limits = new EventLimits { MaxAmountMinor = 4_999 };
        Assert.Equal("amount-range", AccountEventValidator.Validate(Purchase, limits)?.Rule);
        Assert.Null(AccountEventValidator.Validate(Purchase with { AmountMinor = 4_999 }, limits));
    }

    [Theory]
    [InlineData(91, 0, "latitude", "latitude must be from -90 to 90, was 91")]
    [InlineData(0, 500, "longitude", "longitude must be from -180 to 180, was 500")]
    [InlineData(double.NaN, 0, "latitude", "latitude must be from -90 to 90, was NaN")]
    [InlineData(0, double.PositiveInfinity, "longitude", "longitude must be from -180 to 180, was Infinity")]
    public void Coordinates_out_of_range_are_rejected(double latitude, double longitude, string field, string message) =>
        Assert.Equal(new EventRejection(field, "coordinate-range", message),
            AccountEventValidator.Validate(Purchase with { Location = new GeoPoint(latitude, longitude) }, EventLimits.Default));

    [Theory]
    [InlineData("", "currency must be a three-letter ISO-4217 code such as CNY, was \"\"")]
    [InlineData("cny", "currency must be a three-letter ISO-4217 code such as CNY, was \"cny\"")]
    [InlineData("EURO", "currency must be a three-letter ISO-4217 code such as CNY, was \"EURO\"")]
    public void Currency_must_be_a_three_letter_code(string currency, string message) =>
        Assert.Equal(new EventRejection("currency", "currency-code", message),
            AccountEventValidator.Validate(Purchase with { Currency = currency }, EventLimits.Default));

    [Fact]
    public void Empty_and_overlong_ids_are_rejected()
    {
        Assert.Equal(new EventRejection("eventId", "required", "eventId is required and was empty"),
            AccountEventValidator.Validate(Purchase with { EventId = " " }, EventLimits.Default));
        Assert.Equal(new EventRejection("billId", "required", "billId is required and was empty"),
            AccountEventValidator.Validate(Overdue with { BillId = "" }, EventLimits.Default));
        Assert.Equal(new EventRejection("merchantId", "too-long", "merchantId is 201 characters long, at most 200 allowed"),
            AccountEventValidator.Validate(Purchase with { MerchantId = new string('m', 201) }, EventLimits.Default));
    }

    [Fact]
    public void Negative_amount_due_and_negative_credit_limit_are_rejected()
    {
        Assert.Equal(new EventRejection("amountDueMinor", "amount-range", "amountDueMinor must be from 0 to 1000000000000, was -1"),
            AccountEventValidator.Validate(Overdue with { AmountDueMinor = -1 }, EventLimits.Default));
        Assert.Equal("creditLimitMinor", AccountEventValidator.Validate(Overdue with { CreditLimitMinor = -5 }, EventLimits.Default)?.Field);
        Assert.Equal("outstandingMinor", AccountEventValidator.Validate(Overdue with { OutstandingMinor = long.MinValue }, EventLimits.Default)?.Field);
    }

    [Fact]
    public void A_bill_2_days_late_reported_2_billion_days_past_due_is_rejected()
    {
        var bill = Overdue with { DueDateMs = T0 - (2 * Day), DaysPastDue = 2_000_000_000 };
        Assert.Equal(
            new EventRejection("daysPastDue", "days-past-due",
                "daysPastDue 2000000000 disagrees with dueDate 2026-01-03T08:00:00Z and occurredAt 2026-01-05T08:00:00Z (2 days past due, tolerance 1)"),
            AccountEventValidator.Validate(bill, EventLimits.Default));
    }

    [Theory]
    [InlineData(BillState.Overdue, 34, true)]
    [InlineData(BillState.Overdue, 36, true)]
    [InlineData(BillState.Overdue, 33, false)]
    [InlineData(BillState.Overdue, 37, false)]
    [InlineData(BillState.PartiallyPaid, 10, false)]
    [InlineData(BillState.Paid, 0, true)]
    [InlineData(BillState.Scheduled, 0, true)]
    [InlineData(BillState.Paid, 37, false)]
    [InlineData(BillState.Overdue, -1, false)]
    public void Days_past_due_must_agree_with_the_dates_within_a_day(BillState state, int daysPastDue, bool valid) =>
        Assert.Equal(valid, AccountEventValidator.Validate(Overdue with { State = state, DaysPastDue = daysPastDue }, EventLimits.Default) is null);

    [Fact]
    public void A_due_date_in_year_3000_is_rejected()
    {
        var bill = Overdue with { State = BillState.Scheduled, DaysPastDue = 0, DueDateMs = 32_503_680_000_000 };
        Assert.Equal(
            new EventRejection("dueDate", "due-date-range", "dueDate 3000-01-01T00:00:00Z is more than 10 years from occurredAt 2026-01-05T08:00:00Z"),
            AccountEventValidator.Validate(bill, EventLimits.Default));
    }

    [Fact]
    public void Extreme_times_are_judged_without_overflow()
    {
        var bill = Overdue with { OccurredAtMs = long.MaxValue, DueDateMs = long.MinValue };
        Assert.Equal("due-date-range", AccountEventValidator.Validate(bill, EventLimits.Default)?.Rule);
        Assert.Contains("9223372036854775807 ms", AccountEventValidator.Validate(bill, EventLimits.Default)?.Message, StringComparison.Ordinal);
    }
}
