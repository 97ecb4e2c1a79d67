using FsCheck;
using FsCheck.Fluent;
using static RiskStreams.Risk.Tests.Account;

namespace RiskStreams.Risk.Tests;

/// <summary>FsCheck properties of reviews interleaved with an account's events and step-down checks.</summary>
public sealed class ReviewProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static readonly Gen<long> Time = Gen.Choose(0, 6 * 24 * 60).Select(m => T0 + (m * Minute));

    private static readonly Gen<AccountEvent> Signal = Gen.OneOf(
        from id in Gen.Choose(0, 200) from at in Time from merchant in Gen.Choose(0, 6) from amount in Gen.Elements(99L, 5_000L, 900_000L)
        select (AccountEvent)new TransactionEvent($"t{id}", "a", at, amount, $"m{merchant}", true, false, false, "dev-1", "CN", Beijing, "CNY"),
        from id in Gen.Choose(0, 200) from at in Time from success in Gen.Elements(true, false) from device in Gen.Elements("dev-1", "dev-2")
        select (AccountEvent)new LoginEvent($"l{id}", "a", at, success, device, false, "CN", Beijing),
        from id in Gen.Choose(0, 50) from at in Time from days in Gen.Choose(0, 3) from paid in Gen.Elements(true, false)
        select (AccountEvent)new RepaymentEvent($"r{id}", "a", at, "ledger", "b1", at - (days * Day), paid ? BillState.Paid : BillState.Overdue, days,
            10_000, paid ? 10_000 : 0, null, null));

    private static readonly Gen<AccountEvent> Review =
        from id in Gen.Choose(0, 30) from at in Time from outcome in Gen.Elements(ReviewOutcome.Clear, ReviewOutcome.Uphold, ReviewOutcome.Override)
        from level in Gen.Elements(RiskLevel.Normal, RiskLevel.Watch, RiskLevel.Restricted, RiskLevel.Suspended)
        from hours in Gen.Elements<long?>(null, 1, 12, 48)
        from suppress in Gen.Elements<string[]>([], ["SMALL_TXN_PROBING"], ["LOGIN_FAILURES", "NEW_DEVICE"], ["REPAYMENT_OVERDUE", "REPAYMENT_SYNC_PENDING"])
        from kind in Gen.Elements(ReviewKind.Appeal, ReviewKind.ManualReview)
        select (AccountEvent)new ReviewEvent($"rev{id}", "a", at, "staff-1", kind, outcome, outcome == ReviewOutcome.Override ? level : null,
            hours is { } h ? at + (h * Hour) : null, suppress, null);

    private static readonly Gen<List<AccountEvent>> Interleaved =
        Gen.ListOf(Gen.Frequency((5, Signal), (1, Review)), 80).Select(events => events.ToList());

    [Fact]
    public void Interleaved_reviews_never_leave_a_version_gap_and_decide_the_same_when_replayed_through_the_codec() =>
        Check.One(Runs, Prop.ForAll(Interleaved.ToArbitrary(), events =>
        {
            var direct = Run(events, reload: false);
            var reloaded = Run(events, reload: true);
            var gapless = direct.Select(c => c.Version).SequenceEqual(Enumerable.Range(1, direct.Count).Select(v => (long)v));
            var reviewIdsCarried = direct.Where(c => c.TriggeringStream == ReviewEvent.StreamName)
                .All(c => c.Reasons[0].Evidence.Any(e => e.Key == "reviewId" && e.Value == c.TriggeringEventId));
            return gapless && reviewIdsCarried && direct.Select(Describe).SequenceEqual(reloaded.Select(Describe));
        }));

    /// <summary>Applies <paramref name="events"/>, firing due step-down checks before each, as the topology's timers do.</summary>
    private static List<LevelChange> Run(List<AccountEvent> events, bool reload)
    {
        var decider = new AccountRiskDecider(RiskPolicy.Default);
        var state = new AccountRiskState();
        var coverage = new SyncCoverageTable();
        coverage.Update("ledger", T0 + (2 * Day));
        var changes = new List<LevelChange>();
        foreach (var e in events.OrderBy(e => e.OccurredAtMs))
        {
            while (decider.NextStepDownCheckMs(state) is { } due && due <= e.OccurredAtMs && state.AccountId is not null)
            {
                var stepped = decider.StepDown(state, due, coverage);
                if (stepped is not null)
                {
                    changes.Add(stepped);
                }

                if (decider.NextStepDownCheckMs(state) is not { } next || next <= due)
                {
                    break;
                }
            }

            if (decider.Apply(state, e, coverage) is { } change)
            {
                changes.Add(change);
            }

            if (reload)
            {
                state = AccountRiskStateCodec.Decode(AccountRiskStateCodec.Encode(state));
            }
        }

        return changes;
    }

    private static string Describe(LevelChange c) =>
        $"{c.ChangeId} {c.PreviousLevel}->{c.Level} {c.Score} {string.Join(',', c.Actions)} "
        + string.Join(";", c.Reasons.Select(r => r.Code + "[" + string.Join(",", r.Evidence) + "]" + r.Message));
}
