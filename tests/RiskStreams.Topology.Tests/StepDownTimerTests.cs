using RiskStreams.Streams.State;
using RiskStreams.Topology.Internal;
using static RiskStreams.Topology.Tests.DecisionTimeSafetyTests;

namespace RiskStreams.Topology.Tests;

/// <summary>Step-down timers fired by stream time, and decisions that do not depend on the wall clock.</summary>
public sealed class StepDownTimerTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;

    [Fact]
    public void A_quiet_restricted_account_steps_down_once_other_accounts_move_stream_time_past_its_cooldown()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        Probe(d, "quiet");
        d.Login("other", T0.AddMinutes(3), success: true, "dev-o", "other-1");
        Assert.Equal(["quiet:1 NORMAL->RESTRICTED SMALL_TXN_PROBING probe-4"], Changes(d));
        var due = RiskTopologyDriver.Ms(T0.AddMinutes(2).AddHours(12)); // restricted at probe-4 (T0 + 2 min), cooldown 12 h
        var timers = d.Driver.GetKeyValueStore<string, long>(RiskStoreNames.StepDownTimers);
        Assert.True(timers.TryGet("quiet", out var stored));
        Assert.Equal(due, stored);

        // Hours of wall clock change nothing; stream time one millisecond short of due plus the grace neither.
        d.Driver.AdvanceWallClockTime(TimeSpan.FromDays(2));
        d.Login("other", T0.AddHours(12).AddMinutes(2).AddSeconds(5).AddMilliseconds(-1), success: true, "dev-o", "other-2");
        Assert.Empty(Changes(d));

        d.Login("other", T0.AddHours(12).AddMinutes(2).AddSeconds(5), success: true, "dev-o", "other-3");
        var change = Assert.Single(d.Changes.ReadRecordsToList()).Value;
        Assert.Equal(("quiet:2", Avro.Contracts.RiskLevel.RESTRICTED, Avro.Contracts.RiskLevel.NORMAL), (change.changeId, change.previousLevel, change.level));
        Assert.Equal(["RISK_CLEARED"], change.reasons.Select(r => r.code));
        Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(due), change.eventTime);
        Assert.Contains(Avro.Contracts.RiskAction.RESTORE_CREDIT, change.actions);
        Assert.False(timers.TryGet("quiet", out _));
    }

    [Fact]
    public void Timers_rebuilt_over_a_restored_store_fire_in_due_order_and_a_changed_timer_fires_once_at_its_new_time()
    {
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(RiskStoreNames.StepDownTimers), Streams.Serdes.String, Streams.Serdes.Long)
            .WithLoggingDisabled().Build();
        var before = new StepDownTimers(store);
        before.Set("a", 300);
        before.Set("b", 100);
        before.Set("c", 200);
        before.Set("c", 400);
        before.Set("b", null);

        // A new instance over the same store: what a restart finds after restoring the changelog.
        var after = new StepDownTimers(store);
        Assert.Equal((2, 300L), (after.Count, after.NextDueMs!.Value));
        var fired = new List<string>();
        while (after.TryTakeThrough(1_000, out var account, out var due))
        {
            fired.Add($"{account}@{due}");
        }

        Assert.Equal(["a@300", "c@400"], fired);
        Assert.Equal(0, store.ApproximateCount);

        after.Set("d", 50);
        after.Set("d", 60);
        Assert.True(after.TryTakeThrough(1_000, out var only, out var at));
        Assert.Equal(("d", 60L), (only, at));
        Assert.False(after.TryTakeThrough(1_000, out _, out _));
    }

    [Fact]
    public void The_same_events_give_the_same_changes_however_the_wall_clock_moves_between_them()
    {
        string Run(Func<int, TimeSpan> wallClockAdvance)
        {
            using var d = new RiskTopologyDriver(registry.Serdes);
            var step = 0;
            void Pace() => d.Driver.AdvanceWallClockTime(wallClockAdvance(step++));
            for (var i = 0; i < 5; i++)
            {
                d.Txn("card-1", T0.AddSeconds(30 * i), 99, $"m-{i}", $"probe-{i}");
                Pace();
                d.Login("lf-1", T0.AddSeconds((30 * i) + 2), success: false, "dev-9", $"fail-{i}");
                Pace();
            }

            d.Login("lf-1", T0.AddSeconds(121), success: false, "dev-9", "fail-late"); // within the grace, before fail-4
            Pace();
            d.Login("other", T0.AddHours(13), success: true, "dev-o", "other-1");
            Pace();
            d.Flush();
            return string.Join('\n', d.Changes.ReadRecordsToList().Select(r => AvroJsonWriter.Write(r.Value)));
        }

        var unpaced = Run(_ => TimeSpan.Zero);
        Assert.Equal(unpaced, Run(_ => TimeSpan.FromSeconds(1)));
        Assert.Equal(unpaced, Run(i => TimeSpan.FromMinutes(i % 3 == 0 ? 90 : 0)));
        Assert.Equal(unpaced, Run(i => TimeSpan.FromMilliseconds(i * 7)));
        // fail-late is the fifth failure (WATCH); the timers then step both accounts down in due order once stream time reaches 13 h.
        Assert.Equal(
            ["card-1:1 RESTRICTED probe-4", "lf-1:1 WATCH fail-late", "lf-1:2 NORMAL step-down@1767607322000", "card-1:2 NORMAL step-down@1767643320000"],
            unpaced.Split('\n').Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(c => $"{c.GetProperty("changeId")} {c.GetProperty("level")} {c.GetProperty("triggeringEventId")}"));
    }
}
