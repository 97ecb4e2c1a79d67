using FsCheck;
using FsCheck.Fluent;
using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>FsCheck properties over generated events with any field values the schema allows, valid or not.</summary>
public sealed class DomainProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    private static readonly Gen<long> AnyLong = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<long>()),
        (2, Gen.Elements(long.MinValue, long.MaxValue, 0L, -1L, 9_000_000_000_000_000_000L, 1_000_000_000_000L, 99L, 5_000L)));

    private static readonly Gen<int> AnyInt = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<int>()), (2, Gen.Elements(int.MinValue, int.MaxValue, 0, -1, 1, 35, 95, 2_000_000_000)));

    private static readonly Gen<double> AnyCoordinate = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<double>()),
        (2, Gen.Elements(double.NaN, double.PositiveInfinity, double.NegativeInfinity, 91.0, -90.0, 180.0, 500.0, 39.9, 116.4, -0.12)));

    private static readonly Gen<string> AnyText = Gen.Elements(null!, "", " ", "x", "CNY", "USD", "cny", "EURO", new string('m', 300), "m-1", "m-2", "\u4e2d");

    private static readonly Gen<long> HalfADay = Gen.Choose(0, 12 * 3_600).Select(s => T0 + (s * 1_000L));

    private static readonly Gen<long> AnyTime = Gen.Frequency((6, HalfADay), (1, AnyLong));

    private static readonly Gen<GeoPoint?> AnyPoint = Gen.Frequency(
        (1, Gen.Constant<GeoPoint?>(null)), (3, AnyCoordinate.Zip(AnyCoordinate, (a, b) => (GeoPoint?)new GeoPoint(a, b))));

    private static readonly Gen<AccountEvent> AnyEvent = Events(AnyTime);

    private static Gen<AccountEvent> Events(Gen<long> time) => Gen.OneOf(
        from id in Gen.Choose(0, 40) from at in time from amount in AnyLong from merchant in AnyText from flags in Gen.Choose(0, 7)
        from currency in Gen.Frequency((4, Gen.Elements("CNY", "USD")), (1, AnyText)) from point in AnyPoint
        select (AccountEvent)new TransactionEvent($"t{id}", "a", at, amount, merchant, (flags & 1) == 0, (flags & 2) != 0, (flags & 4) != 0 && id % 5 == 0,
            "dev-1", "CN", point, currency),
        from id in Gen.Choose(0, 40) from at in time from success in Gen.Elements(true, false) from device in Gen.Elements("dev-1", "dev-2", "dev-3", "")
        from point in AnyPoint
        select (AccountEvent)new LoginEvent($"l{id}", "a", at, success, device, false, "GB", point),
        from id in Gen.Choose(0, 40) from at in time from due in AnyLong from state in Gen.Choose(0, 3) from dpd in AnyInt
        from amounts in AnyLong.Zip(AnyLong) from bill in Gen.Elements("b1", "b2", "")
        select (AccountEvent)new RepaymentEvent($"r{id}", "a", at, "ledger", bill, due, (BillState)state, dpd, amounts.Item1, amounts.Item2,
            amounts.Item2, Math.Abs(amounts.Item1 % 1_000_000) + 1),
        from id in Gen.Choose(0, 40) from at in time select (AccountEvent)new SyncCheckEvent($"s{id}", "a", at));

    [Fact]
    public void Validator_never_throws_for_any_field_values() =>
        Check.One(Runs, Prop.ForAll(AnyEvent.ToArbitrary(), e =>
        {
            var rejection = AccountEventValidator.Validate(e, EventLimits.Default);
            return rejection is null || (rejection.Field.Length > 0 && rejection.Rule.Length > 0 && rejection.Message.Length > 0);
        }));

    [Fact]
    public void Any_events_decide_without_exception_and_the_state_round_trips_through_the_codec() =>
        Check.One(Runs, Prop.ForAll(Gen.ListOf(AnyEvent, 60).ToArbitrary(), events =>
        {
            var decider = new AccountRiskDecider(RiskPolicy.Default);
            var state = new AccountRiskState();
            var coverage = new SyncCoverageTable();
            coverage.Update("ledger", T0 + (6 * Hour));
            foreach (var e in events)
            {
                decider.Apply(state, e, coverage);
                if (decider.NextStepDownCheckMs(state) is { } check)
                {
                    decider.StepDown(state, check, coverage);
                }
            }

            var bytes = AccountRiskStateCodec.Encode(state);
            var copy = AccountRiskStateCodec.Decode(bytes);
            return bytes.AsSpan().SequenceEqual(AccountRiskStateCodec.Encode(copy)) && decider.Features(state).Equals(decider.Features(copy));
        }));

    [Fact]
    public void Delivering_events_again_later_changes_no_decision() =>
        // Within the dedupe horizon: every event time inside half a day, so no id ages out of the account's memory.
        Check.One(Runs, Prop.ForAll(Gen.ListOf(Events(HalfADay), 60).Zip(Gen.ListOf(Gen.Choose(0, 1_000), 60)).ToArbitrary(), input =>
        {
            var (events, picks) = input;
            var once = Decide(events);
            var withDuplicates = new List<AccountEvent>(events);
            foreach (var pick in picks.Where(_ => events.Count > 0))
            {
                // Re-deliver an event already seen, anywhere after its first delivery.
                var original = events[pick % events.Count];
                var first = withDuplicates.IndexOf(original);
                withDuplicates.Insert(first + 1 + (pick % (withDuplicates.Count - first)), original);
            }

            return once.SequenceEqual(Decide(withDuplicates));
        }));

    private static List<string> Decide(IEnumerable<AccountEvent> events)
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0);
        return [.. events.Select(e => decider.Apply(state, e, coverage)).OfType<LevelChange>().Select(c => Describe(c) + string.Join(";", c.Reasons.SelectMany(r => r.Evidence)))];
    }
}
