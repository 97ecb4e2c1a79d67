using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Tests;

public sealed class RiskTopologyTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;

    [Fact]
    public void Card_testing_is_restricted_with_one_exact_change_on_the_output_topic()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 5; i++)
        {
            d.Txn("card-1", T0.AddSeconds(30 * i), 99, $"probe-{i}", $"probe-{i}");
        }

        // The last probe waits out the reorder grace; the wall clock releases it.
        Assert.Empty(d.Changes.ReadRecordsToList());
        d.Flush();
        var change = Assert.Single(d.Changes.ReadRecordsToList());
        Assert.Equal("card-1", change.Key);
        Assert.Equal(RiskTopologyDriver.Ms(T0.AddSeconds(120)), change.Timestamp);
        var c = change.Value;
        Assert.Equal(("card-1:1", 1L, RiskLevel.NORMAL, RiskLevel.RESTRICTED), (c.changeId, c.version, c.previousLevel, c.level));
        Assert.Equal("SMALL_TXN_PROBING", Assert.Single(c.reasons).code);
        Assert.Equal(("probe-4", "transactions", true), (c.triggeringEventId, c.triggeringStream, c.appealable));
        Assert.Equal(new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc), c.decidedAt);
        Assert.Equal(Risk.RiskPolicy.Default.Version, c.policyVersion);
    }

    [Fact]
    public void Sync_lag_trap_stays_at_watch_and_a_late_paid_record_restores_at_once()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        d.Heartbeat("ledger-main", T0.AddMinutes(-2), T0.AddMinutes(-1));
        var due = T0.AddHours(-3);
        d.Bill("lag-1", T0, "b-1", due, BillStatus.OVERDUE, 1, "overdue");
        d.Flush();
        d.Bill("lag-1", due.AddHours(-1), "b-1", due, BillStatus.PAID, 0, "paid-late");

        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        Assert.Equal([RiskLevel.WATCH, RiskLevel.NORMAL], changes.Select(c => c.level));
        Assert.Equal("REPAYMENT_SYNC_PENDING", Assert.Single(changes[0].reasons).code);
        Assert.Equal("REPAYMENT_RECEIVED", changes[1].reasons[0].code);
        Assert.Equal(("lag-1:2", "paid-late", "repayments"), (changes[1].changeId, changes[1].triggeringEventId, changes[1].triggeringStream));
    }

    [Fact]
    public void Overdue_bill_is_rechecked_when_every_source_has_synced_past_its_due_date_plus_grace()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        d.Heartbeat("ledger-main", T0.AddDays(-40), T0.AddDays(-40));
        d.Bill("late-1", T0, "b-1", T0.AddDays(-35), BillStatus.OVERDUE, 35, "overdue-35");
        d.Flush();
        Assert.Equal(RiskLevel.WATCH, Assert.Single(d.Changes.ReadRecordsToList()).Value.level);

        // The source catches up; the next minute of stream time re-checks the pending account.
        d.Heartbeat("ledger-main", T0, T0);
        d.Txn("other", T0.AddMinutes(2), 5_000, "m-1");
        d.Flush();
        var raised = Assert.Single(d.Changes.ReadRecordsToList()).Value;
        Assert.Equal(("late-1:2", RiskLevel.WATCH, RiskLevel.RESTRICTED), (raised.changeId, raised.previousLevel, raised.level));
        Assert.Equal("REPAYMENT_OVERDUE", Assert.Single(raised.reasons).code);
        Assert.Equal("sync-status", raised.triggeringStream);
    }

    [Fact]
    public void Describe_names_every_source_store_and_the_output_topic()
    {
        var text = RiskTopology.Create(new RiskTopologyOptions(), registry.Serdes).Describe().ToString();
        foreach (var expected in new[]
                 {
                     "Source: transactions-source (topics: [credit.transactions])", "Source: logins-source (topics: [account.logins])",
                     "Source: repayments-source (topics: [repayment.sync])", "Processor: account-risk-decider (stores: [account-risk-state, accounts-awaiting-sync, account-event-buffer, account-stepdown-timers, sync-status])",
                     "Sink: risk-level-changes-sink (topic: risk.level.changes)", "repayment.sync.status",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reloaded_policy_decides_from_the_next_event_and_its_version_is_on_the_change()
    {
        var strict = Risk.RiskPolicyLoader.Load(
            Risk.RiskPolicy.DefaultYaml.Replace(Risk.RiskPolicy.Default.Version, "strict-2", StringComparison.Ordinal), "strict.yaml");
        var holder = new RiskPolicyHolder(Risk.RiskPolicy.Default);
        using var d = new RiskTopologyDriver(registry.Serdes, holder);
        for (var i = 0; i < 5; i++)
        {
            d.Txn("before", T0.AddSeconds(30 * i), 99, $"p-{i}");
        }

        // Decided before the reload: a policy decides the events it releases, not the ones it sees arrive.
        d.Flush();
        Assert.True(holder.Update(strict));
        Assert.False(holder.Update(strict));
        for (var i = 0; i < 5; i++)
        {
            d.Txn("after", T0.AddSeconds(200 + (30 * i)), 99, $"q-{i}");
        }

        d.Flush();
        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        Assert.Equal([("before", Risk.RiskPolicy.Default.Version), ("after", "strict-2")], changes.Select(c => (c.accountId, c.policyVersion)));
    }
}
