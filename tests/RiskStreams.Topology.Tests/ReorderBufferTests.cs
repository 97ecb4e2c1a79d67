using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Tests;

/// <summary>The account processor's event-time reorder buffer, through the production topology in the test driver.</summary>
public sealed class ReorderBufferTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;

    [Fact]
    public void Held_events_are_released_in_event_time_order_once_stream_time_reaches_their_time_plus_the_grace()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        PipeProbesAndFailuresWithTheLastTwoSwapped(d);
        Assert.Empty(Changes(d));
        Assert.Equal(9, d.Buffered); // stream time 6 s: only probe-1 (1 s) is at or before 6 s - 5 s

        d.Txn("other", T0.AddMilliseconds(10_900), 5_000, "m", "other-1");
        Assert.Equal(["lf-1:1 WATCH fail-5"], Changes(d)); // up to 5.9 s: fail-5 (5.5 s), not probe-5 (6 s)
        Assert.Equal(2, d.Buffered);

        d.Txn("other", T0.AddSeconds(11), 5_000, "m", "other-2");
        Assert.Equal(["card-1:1 RESTRICTED probe-5"], Changes(d)); // 6 s + 5 s reached: inclusive
        Assert.Equal(2, d.Buffered); // the two "other" purchases
    }

    [Fact]
    public void Events_released_together_are_decided_in_event_time_order_across_accounts_and_a_zero_grace_decides_in_arrival_order()
    {
        using var buffered = new RiskTopologyDriver(registry.Serdes);
        PipeProbesAndFailuresWithTheLastTwoSwapped(buffered);
        buffered.Flush();
        Assert.Equal(["lf-1:1 WATCH fail-5", "card-1:1 RESTRICTED probe-5"], Changes(buffered));
        Assert.Equal(0, buffered.Buffered);

        using var immediate = new RiskTopologyDriver(registry.Serdes, reorderGrace: TimeSpan.Zero);
        PipeProbesAndFailuresWithTheLastTwoSwapped(immediate);
        Assert.Equal(["card-1:1 RESTRICTED probe-5", "lf-1:1 WATCH fail-5"], Changes(immediate));
        Assert.Equal(0, immediate.Buffered);
    }

    [Fact]
    public void An_event_older_than_stream_time_minus_the_grace_is_decided_at_once_and_never_dropped()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var due = T0.AddHours(-3);
        d.Heartbeat("ledger-main", T0.AddMinutes(-2), T0.AddMinutes(-1));
        d.Bill("lag-1", T0, "b-1", due, BillStatus.OVERDUE, 1, "overdue");
        d.Txn("other", T0.AddMinutes(10), 5_000, "m", "other-1");
        Assert.Equal(["lag-1:1 WATCH overdue"], Changes(d));

        d.Bill("lag-1", due.AddHours(-1), "b-1", due, BillStatus.PAID, 0, "paid-late");

        Assert.Equal(["lag-1:2 NORMAL paid-late"], Changes(d));
        Assert.Equal(1, d.Buffered); // "other-1" only
        Assert.Equal(0, d.Driver.DroppedRecordCount);
    }

    [Fact]
    public void A_late_paid_record_arriving_while_its_overdue_record_is_held_settles_the_bill_before_it_counts()
    {
        // In event time the payment (4 h before) comes first; an overdue record with a later ledger time no longer counts.
        using var d = new RiskTopologyDriver(registry.Serdes);
        var due = T0.AddHours(-3);
        d.Heartbeat("ledger-main", T0.AddMinutes(-2), T0.AddMinutes(-1));
        d.Bill("lag-1", T0, "b-1", due, BillStatus.OVERDUE, 1, "overdue");
        d.Bill("lag-1", due.AddHours(-1), "b-1", due, BillStatus.PAID, 0, "paid-late");
        d.Flush();

        Assert.Empty(Changes(d));
        Assert.Equal(0, d.Buffered);
    }

    [Fact]
    public void A_quiet_partition_holds_its_last_events_whatever_the_wall_clock_until_stream_time_moves()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 5; i++)
        {
            d.Txn("card-1", T0.AddSeconds(30 * i), 99, $"probe-{i}", $"probe-{i}");
        }

        d.Driver.AdvanceWallClockTime(TimeSpan.FromHours(1));
        Assert.Empty(Changes(d));
        Assert.Equal(1, d.Buffered);

        d.Login("other", T0.AddSeconds(125), success: true, "dev-1", "other-1");
        Assert.Equal(["card-1:1 RESTRICTED probe-4"], Changes(d));
        Assert.Equal(1, d.Buffered); // "other-1"
    }

    [Fact]
    public void A_sync_recheck_waits_behind_the_events_held_from_before_it()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        d.Heartbeat("ledger-main", T0.AddDays(-40), T0.AddDays(-40));
        d.Bill("late-1", T0, "b-1", T0.AddDays(-35), BillStatus.OVERDUE, 35, "overdue-35");
        d.Txn("other", T0.AddSeconds(6), 5_000, "m", "other-1");
        Assert.Equal(["late-1:1 WATCH overdue-35"], Changes(d));

        // Coverage moves; the re-check at 2:00 would confirm the bill (RESTRICTED). The payment at 1:58 arrives after the
        // re-check was made, but within the grace, so it is decided first and the re-check finds nothing overdue.
        d.Heartbeat("ledger-main", T0, T0);
        d.Txn("other", T0.AddMinutes(2), 5_000, "m", "other-2");
        d.Bill("late-1", T0.AddSeconds(118), "b-1", T0.AddDays(-35), BillStatus.PAID, 0, "paid");
        Assert.Empty(Changes(d));
        d.Flush();

        Assert.Equal(["late-1:2 NORMAL paid"], Changes(d));
    }

    [Fact]
    public void The_reorder_grace_must_be_zero_or_positive_in_whole_milliseconds()
    {
        var negative = Assert.Throws<ArgumentException>(() => new RiskTopologyOptions { ReorderGrace = TimeSpan.FromSeconds(-1) }.Validate());
        Assert.Equal(nameof(RiskTopologyOptions.ReorderGrace), negative.ParamName);
        Assert.StartsWith("ReorderGrace must be zero or positive, in whole milliseconds; was -00:00:01.", negative.Message, StringComparison.Ordinal);

        var fraction = Assert.Throws<ArgumentException>(() => new RiskTopologyOptions { ReorderGrace = TimeSpan.FromTicks(5) }.Validate());
        Assert.Equal(nameof(RiskTopologyOptions.ReorderGrace), fraction.ParamName);

        new RiskTopologyOptions { ReorderGrace = TimeSpan.Zero }.Validate();
        Assert.Equal(TimeSpan.FromSeconds(5), new RiskTopologyOptions().ReorderGrace);
    }

    /// <summary>Card probes at 1..4 s and 6 s, failed logins at 1.5..5.5 s; probe-5 (6 s) arrives before fail-5 (5.5 s).</summary>
    private static void PipeProbesAndFailuresWithTheLastTwoSwapped(RiskTopologyDriver d)
    {
        for (var i = 1; i <= 4; i++)
        {
            d.Txn("card-1", T0.AddSeconds(i), 99, $"m-{i}", $"probe-{i}");
            d.Login("lf-1", T0.AddSeconds(i + 0.5), success: false, "dev-9", $"fail-{i}");
        }

        d.Txn("card-1", T0.AddSeconds(6), 99, "m-5", "probe-5");
        d.Login("lf-1", T0.AddSeconds(5.5), success: false, "dev-9", "fail-5");
    }

    private static List<string> Changes(RiskTopologyDriver d) =>
        [.. d.Changes.ReadRecordsToList().Select(r => $"{r.Value.changeId} {r.Value.level} {r.Value.triggeringEventId}")];
}
