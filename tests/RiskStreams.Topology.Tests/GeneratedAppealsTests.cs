using Avro.Specific;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

/// <summary>The dev workload's appeals: false positives it knows about are cleared on account.reviews and stay cleared.</summary>
public sealed class GeneratedAppealsTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    [Fact]
    public void Generated_appeals_clear_false_positives_and_the_cleared_signal_does_not_restrict_those_accounts_again()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var generated = new WorkloadGenerator(new WorkloadOptions { Accounts = 200, Seed = 7, ScenarioProbability = 0.05 }).Generate().Take(40_000).ToList();
        var reviews = generated.Where(e => e.Value is ReviewDecision).Select(e => (ReviewDecision)e.Value).ToList();
        foreach (var e in generated)
        {
            try
            {
                Pipe(d, e.Value, e.Key, e.TimestampMs);
            }
            catch (InvalidEventException)
            {
                // The workload's contract-breaking records: the runtime dead-letters them.
            }
        }

        d.Flush();
        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        var cleared = changes.Where(c => c.reasons.Any(r => r.code == "REVIEW_CLEARED")).ToList();

        // Every appeal (a unique review id) gave exactly one change, carrying its id.
        Assert.NotEmpty(reviews);
        Assert.Equal(reviews.Select(r => r.reviewId).Order(StringComparer.Ordinal), cleared.Select(c => c.triggeringEventId).Order(StringComparer.Ordinal));
        Assert.All(cleared, c => Assert.Equal(c.triggeringEventId, c.reasons[0].evidence["reviewId"]));
        Assert.All(cleared, c => Assert.Equal(RiskLevel.NORMAL, c.level));

        // The paid-but-not-synced accounts were RESTRICTED and got their credit back.
        var restored = cleared.Where(c => c.reasons[0].evidence["suppressedReasons"] == "REPAYMENT_OVERDUE").ToList();
        Assert.Contains(restored, c => c.previousLevel == RiskLevel.RESTRICTED && c.actions.Contains(RiskAction.RESTORE_CREDIT));

        // After a clear, no change of that account rests on a code the clear suppressed (while it is suppressed).
        foreach (var clear in cleared)
        {
            var codes = clear.reasons[0].evidence["suppressedReasons"].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var until = DateTime.Parse(clear.reasons[0].evidence["suppressedUntil"], System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime();
            var later = changes.Where(c => c.accountId == clear.accountId && c.version > clear.version && c.eventTime < until);
            Assert.DoesNotContain(later, c => c.reasons.Any(r => codes.Contains(r.code)));
        }

        // The analysts' notes never reach a change.
        Assert.DoesNotContain(changes, c => c.reasons.Any(r => r.message.Contains("receipt", StringComparison.Ordinal)
            || r.message.Contains("holiday", StringComparison.Ordinal) || r.evidence.Values.Any(v => v.Contains("holiday", StringComparison.Ordinal))));
        Console.WriteLine($"generated appeals: {reviews.Count} reviews, {cleared.Count} cleared, paid-but-not-synced cleared from {string.Join(", ", restored.GroupBy(c => c.previousLevel).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}, {changes.Count} changes in all");
    }

    internal static void Pipe(RiskTopologyDriver d, ISpecificRecord value, string key, long timestampMs)
    {
        switch (value)
        {
            case Transaction t:
                d.Transactions.PipeInput(key, t, timestampMs);
                break;
            case Login l:
                d.Logins.PipeInput(key, l, timestampMs);
                break;
            case RepaymentSync r:
                d.Repayments.PipeInput(key, r, timestampMs);
                break;
            case ReviewDecision review:
                d.Reviews.PipeInput(key, review, timestampMs);
                break;
            default:
                d.SyncStatus.PipeInput(key, (SyncStatus)value, timestampMs);
                break;
        }
    }
}
