using Avro.Specific;
using FsCheck;
using FsCheck.Fluent;
using RiskStreams.Avro.Contracts;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>Whatever values the schemas allow, the topology either decides or refuses (dead-letter) — it never fails otherwise.</summary>
public sealed class AnyFieldValueTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;

    private static readonly Gen<long> Longs = Gen.OneOf(
        Gen.Elements(long.MinValue, long.MinValue + 1, -1L, 0L, 1L, 99L, 5_000L, int.MaxValue, 9_000_000_000_000_000_000L, long.MaxValue - 1, long.MaxValue),
        Gen.Choose(int.MinValue, int.MaxValue).Select(i => (long)i * 1_000));

    private static readonly Gen<double?> Coordinates = Gen.Elements<double?>(
        null, 0.0, 39.9042, -33.8, 90.0, -90.0, 91.0, 180.0, -180.0, 500.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue);

    private static readonly Gen<DateTime> Times = Gen.OneOf(
        Gen.Elements(DateTime.UnixEpoch, new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2099, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(3000, 1, 1, 0, 0, 0, DateTimeKind.Utc), T0.AddDays(-36), T0.AddDays(-10_000)),
        Gen.Choose(-600, 600).Select(minutes => T0.AddMinutes(minutes)));

    private static readonly Gen<string> Strings = Gen.Elements("", " ", "acct-1", "acct-2", "x", "\u0000", "账户", new string('a', 300));

    private static readonly Gen<ISpecificRecord> Records = Gen.OneOf(
        from id in Strings
        from account in Gen.Elements("acct-1", "acct-2", "")
        from at in Times
        from amount in Longs
        from merchant in Strings
        from kind in Gen.Elements(Enum.GetValues<TransactionKind>())
        from status in Gen.Elements(Enum.GetValues<TransactionStatus>())
        from device in Gen.Elements<string?>(null, "dev-1", "")
        from lat in Coordinates
        from lon in Coordinates
        select (ISpecificRecord)new Transaction
        {
            eventId = id, accountId = account, occurredAt = at, amountMinor = amount, currency = "CNY", merchantId = merchant, merchantCategory = "5999",
            channel = TransactionChannel.POS, kind = kind, status = status, deviceId = device, country = "CN", latitude = lat, longitude = lon,
        },
        from id in Strings
        from account in Gen.Elements("acct-1", "acct-2", "")
        from at in Times
        from outcome in Gen.Elements(Enum.GetValues<LoginOutcome>())
        from device in Strings
        from lat in Coordinates
        from lon in Coordinates
        select (ISpecificRecord)new Login
        {
            eventId = id, accountId = account, occurredAt = at, outcome = outcome, deviceId = device, channel = LoginChannel.WEB, latitude = lat, longitude = lon,
        },
        from id in Strings
        from account in Gen.Elements("acct-1", "acct-2")
        from at in Times
        from due in Times
        from amounts in Gen.Zip(Longs, Longs)
        from status in Gen.Elements(Enum.GetValues<BillStatus>())
        from days in Gen.OneOf(Gen.Elements(int.MinValue, -1, 0, 2, 95, 2_000_000_000, int.MaxValue), Gen.Choose(0, 400))
        from outstanding in Gen.OneOf(Gen.Constant<long?>(null), Longs.Select(l => (long?)l))
        from limit in Gen.OneOf(Gen.Constant<long?>(null), Longs.Select(l => (long?)l))
        select (ISpecificRecord)new RepaymentSync
        {
            eventId = id, accountId = account, occurredAt = at, syncedAt = at, sourceSystem = "ledger-main", billId = "b-1", dueDate = due,
            amountDueMinor = amounts.Item1, amountPaidMinor = amounts.Item2, currency = "CNY", status = status, daysPastDue = days,
            outstandingMinor = outstanding, creditLimitMinor = limit,
        });

    [Fact]
    public void Any_field_value_the_schema_allows_is_decided_or_refused_never_an_unexpected_exception()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(60).WithQuietOnSuccess(true), Prop.ForAll(Gen.ArrayOf(Records, 30).ToArbitrary(), records =>
        {
            using var d = new RiskTopologyDriver(registry.Serdes);
            foreach (var record in records)
            {
                try
                {
                    Pipe(d, record);
                }
                catch (InvalidEventException)
                {
                    // Refused with a reason: the runtime dead-letters it.
                }
            }

            d.Flush();
            return d.Changes.ReadRecordsToList().All(c => c.Value.score is >= 0 and <= 100);
        }));
    }

    private static void Pipe(RiskTopologyDriver d, ISpecificRecord record)
    {
        switch (record)
        {
            case Transaction t:
                d.Transactions.PipeInput(t.accountId, t, RiskTopologyDriver.Ms(T0));
                break;
            case Login l:
                d.Logins.PipeInput(l.accountId, l, RiskTopologyDriver.Ms(T0));
                break;
            default:
                var r = (RepaymentSync)record;
                d.Repayments.PipeInput(r.accountId, r, RiskTopologyDriver.Ms(T0));
                break;
        }
    }
}
