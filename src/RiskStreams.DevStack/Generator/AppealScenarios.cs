using System.Globalization;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// False positives the generator knows about, each followed by the customer's appeal and an analyst's CLEAR on
/// <c>account.reviews</c>, then more of the same evidence, which the cleared account must not be restricted for again.
/// </summary>
internal static class AppealScenarios
{
    private const long Minute = WorkloadGenerator.MinuteMs;
    private const long Day = WorkloadGenerator.DayMs;

    public static IEnumerable<GeneratedEvent> Pick(ScenarioContext c) => c.Random.Next(2) == 0 ? PaidButNotSynced(c) : BenignTraveller(c);

    /// <summary>
    /// The main ledger reports a bill 31 days overdue (RESTRICTED); the customer had paid it through a partner channel whose
    /// record never synced. The analyst clears REPAYMENT_OVERDUE for a week; hours later the partner ledger syncs the payment.
    /// </summary>
    private static IEnumerable<GeneratedEvent> PaidButNotSynced(ScenarioContext c)
    {
        var bill = c.NewBillId();
        var due = c.Now - (31 * Day);
        var amount = c.Account.AverageSpendMinor * 3;
        yield return c.Bill(c.Now, bill, due, BillStatus.OVERDUE, 31, amount, 0, c.Sources[0]);
        var decided = c.Now + (45 * Minute);
        yield return c.Review(decided, ReviewOutcome.CLEAR, ["REPAYMENT_OVERDUE"], decided + (7 * Day), "receipt from the partner bank checked");

        // The ledger repeats its overdue record before the partner sync lands: suppressed, no new restriction.
        yield return c.Bill(decided + (30 * Minute), bill, due, BillStatus.OVERDUE, 31, amount, 0, c.Sources[0]);
        yield return c.Bill(due - (60 * Minute), bill, due, BillStatus.PAID, 0, amount, amount, c.Sources[^1]) with { ArrivesAtMs = c.Now + (3 * 60 * Minute) };
    }

    /// <summary>
    /// A customer flies abroad and signs in on a new phone without MFA (impossible travel, new device: WATCH and step-up
    /// authentication), appeals, and is cleared with the codes active at the time; spending there goes on without a new raise.
    /// </summary>
    private static IEnumerable<GeneratedEvent> BenignTraveller(ScenarioContext c)
    {
        var where = Places.Abroad[c.Random.Next(Places.Abroad.Length)];
        var phone = string.Create(CultureInfo.InvariantCulture, $"{c.Account.Device}-travel");
        var t = c.Now;
        yield return c.Login(t, true, c.Account.Device, c.Account.Home, mfa: false);
        yield return c.Login(t += 20 * Minute, true, phone, where, mfa: false);
        yield return c.Review(t += 30 * Minute, ReviewOutcome.CLEAR, [], null, "customer on holiday, confirmed by phone");
        for (var i = 0; i < 3; i++)
        {
            yield return c.Txn(t += 10 * Minute, c.Account.AverageSpendMinor, string.Create(CultureInfo.InvariantCulture, $"m-holiday-{i}"), where, phone);
        }
    }
}
