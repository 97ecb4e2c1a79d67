using System.Globalization;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.DevStack.Internal;

/// <summary>Ordinary activity and the risky scenarios, each as a list of timed events.</summary>
internal static class Scenarios
{
    private const long Minute = WorkloadGenerator.MinuteMs;
    private const long Day = WorkloadGenerator.DayMs;

    public static GeneratedEvent Ordinary(ScenarioContext c)
    {
        var a = c.Account;
        var roll = c.Random.NextDouble();
        if (roll < 0.60)
        {
            var amount = Math.Max(100, (long)(a.AverageSpendMinor * (0.3 + (c.Random.NextDouble() * 1.4))));
            var merchant = string.Create(CultureInfo.InvariantCulture, $"m-{c.Random.Next(500):D4}");
            return c.Txn(c.Now, amount, merchant, a.Home, a.Device, c.Random.Next(2) == 0 ? TransactionChannel.POS : TransactionChannel.APP,
                status: c.Random.NextDouble() < 0.03 ? TransactionStatus.DECLINED : TransactionStatus.APPROVED);
        }

        if (roll < 0.90)
        {
            var success = c.Random.NextDouble() >= 0.02;
            return c.Login(c.Now, success, a.Device, a.Home, mfa: c.Random.NextDouble() < 0.3);
        }

        // A bill of this account: scheduled, or paid on time.
        var due = c.Now + (c.Random.Next(1, 28) * Day);
        var amountDue = a.AverageSpendMinor * c.Random.Next(3, 12);
        return c.Random.Next(2) == 0
            ? c.Bill(c.Now, c.NewBillId(), due, BillStatus.SCHEDULED, 0, amountDue, 0)
            : c.Bill(c.Now, c.NewBillId(), due, BillStatus.PAID, 0, amountDue, amountDue);
    }

    public static IEnumerable<GeneratedEvent> Pick(ScenarioContext c) => c.Random.Next(100) switch
    {
        < 20 => AccountTakeover(c),
        < 40 => CardTesting(c),
        < 55 => ChronicOverdue(c),
        < 75 => SyncLagTrap(c),
        < 90 => Traveller(c),
        < 95 => AppealScenarios.Pick(c),
        _ => [ContractBreaking(c)],
    };

    /// <summary>Failed logins from a new device abroad, a successful one, then a spending burst.</summary>
    private static IEnumerable<GeneratedEvent> AccountTakeover(ScenarioContext c)
    {
        var attacker = string.Create(CultureInfo.InvariantCulture, $"atk-{c.Account.AccountId}");
        var where = Places.Abroad[c.Random.Next(Places.Abroad.Length)];
        var t = c.Now;
        for (var i = 0; i < 6; i++)
        {
            yield return c.Login(t += 20_000, false, attacker, where, mfa: false);
        }

        yield return c.Login(t += Minute, true, attacker, where, mfa: false);
        for (var i = 0; i < 6; i++)
        {
            yield return c.Txn(t += Minute, c.Account.AverageSpendMinor * 6, string.Create(CultureInfo.InvariantCulture, $"m-online-{i}"),
                where, attacker, TransactionChannel.ONLINE);
        }
    }

    /// <summary>Many tiny transactions at distinct merchants within minutes.</summary>
    private static IEnumerable<GeneratedEvent> CardTesting(ScenarioContext c)
    {
        var t = c.Now;
        for (var i = 0; i < 8; i++)
        {
            yield return c.Txn(t += 25_000, 50 + c.Random.Next(100), string.Create(CultureInfo.InvariantCulture, $"probe-{c.Random.Next(10_000):D5}"),
                c.Account.Home, null, TransactionChannel.ONLINE, status: i % 3 == 2 ? TransactionStatus.DECLINED : TransactionStatus.APPROVED);
        }
    }

    /// <summary>Several bills long overdue, all sources in sync.</summary>
    private static IEnumerable<GeneratedEvent> ChronicOverdue(ScenarioContext c)
    {
        var t = c.Now;
        foreach (var days in new[] { 35, 64, 96 })
        {
            var amount = c.Account.AverageSpendMinor * 5;
            yield return c.Bill(t += 5_000, c.NewBillId(), c.Now - (days * Day), BillStatus.OVERDUE, days, amount, 0);
        }
    }

    /// <summary>A bill paid just before its due date in the partner ledger, first seen as overdue, then synced as paid.</summary>
    private static IEnumerable<GeneratedEvent> SyncLagTrap(ScenarioContext c)
    {
        var bill = c.NewBillId();
        var due = c.Now - (3 * 60 * Minute);
        var amount = c.Account.AverageSpendMinor * 4;
        yield return c.Bill(c.Now, bill, due, BillStatus.OVERDUE, 1, amount, 0, c.Sources[0]);
        yield return c.Bill(due - (60 * Minute), bill, due, BillStatus.PAID, 0, amount, amount, c.Sources[^1]) with { ArrivesAtMs = c.Now + (8 * Minute) };
    }

    /// <summary>A login with MFA on the known device from abroad, then ordinary spending there.</summary>
    private static IEnumerable<GeneratedEvent> Traveller(ScenarioContext c)
    {
        var where = Places.Abroad[c.Random.Next(Places.Abroad.Length)];
        var t = c.Now;
        yield return c.Login(t, true, c.Account.Device, where, mfa: true);
        for (var i = 0; i < 3; i++)
        {
            yield return c.Txn(t += 7 * Minute, c.Account.AverageSpendMinor, string.Create(CultureInfo.InvariantCulture, $"m-abroad-{i}"), where, c.Account.Device);
        }
    }

    /// <summary>A record that decodes but breaks the contract (negative amount): it must reach the dead-letter topic.</summary>
    private static GeneratedEvent ContractBreaking(ScenarioContext c) =>
        c.Txn(c.Now, -500, "m-broken", c.Account.Home, c.Account.Device);
}
