using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using static RiskStreams.Topology.Tests.RiskTopologyDriver;

namespace RiskStreams.Topology.Tests;

/// <summary>
/// The cross-account rules through the production topology's entity branches (re-key, repartition, sliding-window aggregate,
/// versioned table, join back to the account): each attack is caught on exactly the accounts whose event saw the entity past
/// the thresholds, and each benign look-alike changes nothing.
/// </summary>
public sealed class EntitySignalTests(RegistryFixture registry) : IClassFixture<RegistryFixture>
{
    private static readonly DateTime Start = T0.AddHours(1);

    [Fact]
    public void Device_farm_flags_each_account_signing_in_once_five_accounts_used_the_device()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 7; i++)
        {
            d.SignIn($"farm-{i}", Start.AddMinutes(i), success: true, "farm-phone", ip: null, mfa: false);
        }

        d.Flush();
        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        Assert.Equal(["farm-4|1|NORMAL|WATCH|45|DEVICE_SHARED", "farm-5|1|NORMAL|WATCH|45|DEVICE_SHARED", "farm-6|1|NORMAL|WATCH|45|DEVICE_SHARED"], Describe(changes));
        var reason = changes[0].reasons.Single();
        Assert.Equal(
            [
                $"entity={EntityTags.Of("device", "farm-phone")}", "distinctAccounts=5", "distinctAccountsExact=true", "threshold=5", "logins=5",
                "failedLogins=0", "windowMinutes=1440", "seenAt=2026-01-05T09:04:00.0000000+00:00",
            ],
            reason.evidence.Select(e => $"{e.Key}={e.Value}"));
        Assert.Equal(
            "Your account was signed in to from a device that was used to sign in to many different accounts within 24 hours. We ask for extra verification to keep your account safe.",
            reason.message);
    }

    [Fact]
    public void Family_tablet_signed_in_with_MFA_by_several_accounts_changes_nothing()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var round = 0; round < 3; round++)
        {
            for (var member = 0; member < 6; member++)
            {
                d.SignIn($"family-{member}", Start.AddHours(round).AddMinutes(member), success: true, "family-tablet", "192.0.2.10", mfa: true);
            }
        }

        d.Flush();
        Assert.Empty(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList());
    }

    [Fact]
    public void Shared_device_with_one_sign_in_without_MFA_is_no_longer_exempt()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var member = 0; member < 5; member++)
        {
            d.SignIn($"family-{member}", Start.AddMinutes(member), success: true, "family-tablet", ip: null, mfa: true);
        }

        d.SignIn("family-5", Start.AddMinutes(5), success: true, "family-tablet", ip: null, mfa: false);
        d.Flush();
        Assert.Equal(["family-5|1|NORMAL|WATCH|45|DEVICE_SHARED"], Describe(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList()));
    }

    [Fact]
    public void Credential_stuffing_wave_flags_the_accounts_attempted_once_the_address_failed_twenty_times_on_ten_accounts()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var at = Start;
        for (var round = 0; round < 2; round++)
        {
            for (var victim = 0; victim < 12; victim++)
            {
                // Every attempt from another device: only the address ties the wave together, and each account sees two failures.
                d.SignIn($"victim-{victim}", at = at.AddSeconds(5), success: false, $"bot-{round}-{victim}", "203.0.113.7", mfa: false);
            }
        }

        d.Flush();
        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        Assert.Equal(
            [
                "victim-7|1|NORMAL|WATCH|35|IP_CREDENTIAL_STUFFING", "victim-8|1|NORMAL|WATCH|35|IP_CREDENTIAL_STUFFING",
                "victim-9|1|NORMAL|WATCH|35|IP_CREDENTIAL_STUFFING", "victim-10|1|NORMAL|WATCH|35|IP_CREDENTIAL_STUFFING",
                "victim-11|1|NORMAL|WATCH|35|IP_CREDENTIAL_STUFFING",
            ],
            Describe(changes));
        Assert.Equal(
            [
                $"entity={EntityTags.Of("ip", "203.0.113.7")}", "distinctAccounts=12", "distinctAccountsExact=true", "threshold=10", "failedLogins=20",
                "failedLoginsThreshold=20", "failureRatio=1", "failureRatioThreshold=0.5", "windowMinutes=10", "seenAt=2026-01-05T09:01:40.0000000+00:00",
            ],
            changes[0].reasons.Single().evidence.Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Corporate_NAT_address_with_many_successful_sign_ins_changes_nothing()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        var at = Start;
        for (var employee = 0; employee < 40; employee++)
        {
            d.SignIn($"employee-{employee}", at = at.AddSeconds(10), success: true, $"laptop-{employee}", "198.51.100.1", mfa: false);
            if (employee % 8 == 0)
            {
                // A typo now and then.
                d.SignIn($"employee-{employee}", at = at.AddSeconds(1), success: false, $"laptop-{employee}", "198.51.100.1", mfa: false);
            }
        }

        d.Flush();
        Assert.Empty(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList());
    }

    [Fact]
    public void Merchant_card_testing_flags_the_small_payments_made_once_the_merchant_saw_ten_from_eight_accounts_and_not_a_normal_purchase()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var card = 0; card < 12; card++)
        {
            d.Pay($"card-{card}", Start.AddSeconds(20 * card), 100 + card, "shop-under-attack", approved: card % 2 == 0);
        }

        d.Pay("regular-customer", Start.AddSeconds(245), 8_000, "shop-under-attack", approved: true);
        d.Flush();
        var changes = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList();
        Assert.Equal(
            [
                "card-9|1|NORMAL|WATCH|40|MERCHANT_CARD_TESTING", "card-10|1|NORMAL|WATCH|40|MERCHANT_CARD_TESTING",
                "card-11|1|NORMAL|WATCH|40|MERCHANT_CARD_TESTING",
            ],
            Describe(changes));
        Assert.Equal(
            [
                $"entity={EntityTags.Of("merchant", "shop-under-attack")}", "distinctAccounts=10", "distinctAccountsExact=true", "threshold=8",
                "smallTransactions=10", "smallTransactionsThreshold=10", "declineRatio=0.5", "maxAmountMinor=200", "windowMinutes=10",
                "seenAt=2026-01-05T09:03:00.0000000+00:00",
            ],
            changes[0].reasons.Single().evidence.Select(e => $"{e.Key}={e.Value}"));
    }

    [Fact]
    public void Coffee_kiosk_with_many_small_approved_payments_changes_nothing()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var customer = 0; customer < 30; customer++)
        {
            d.Pay($"coffee-{customer}", Start.AddSeconds(15 * customer), 150, "coffee-kiosk", approved: true);
        }

        d.Flush();
        Assert.Empty(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList());
    }

    [Fact]
    public void No_account_id_appears_in_the_evidence_or_message_of_a_cross_account_reason()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 6; i++)
        {
            d.SignIn($"ring-{i}", Start.AddMinutes(i), success: i % 2 == 0, "ring-device", ip: null, mfa: false);
        }

        d.Flush();
        var reasons = d.Changes.ReadRecordsToList().Select(r => r.Value).ToList().SelectMany(c => c.reasons).Where(r => r.code == ReasonCodes.DeviceShared).ToList();
        Assert.NotEmpty(reasons);
        foreach (var reason in reasons)
        {
            Assert.DoesNotContain(reason.evidence.Values.Append(reason.message), text => text.Contains("ring-", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_sign_in_delivered_twice_counts_once_in_its_devices_window_and_both_copies_are_enriched()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 4; i++)
        {
            d.SignIn($"farm-{i}", Start.AddMinutes(i), success: true, "farm-phone", ip: null, mfa: false, id: $"login-{i}");
        }

        // A replayed copy of farm-3's sign-in (same id and time), then a fifth account: the window holds 5 sign-ins, not 6.
        d.SignIn("farm-3", Start.AddMinutes(3), success: true, "farm-phone", ip: null, mfa: false, id: "login-3");
        d.SignIn("farm-4", Start.AddMinutes(4), success: true, "farm-phone", ip: null, mfa: false, id: "login-4");
        d.Flush();

        var change = Assert.Single(d.Changes.ReadRecordsToList().Select(r => r.Value));
        Assert.Equal("farm-4|1|NORMAL|WATCH|45|DEVICE_SHARED", Describe([change]).Single());
        Assert.Contains(new KeyValuePair<string, string>("logins", "5"), change.reasons.Single().evidence);
        Assert.Equal(0, d.Driver.GetKeyValueStore<Internal.ReorderKey, AccountEvent>(RiskStoreNames.ReorderBuffer).ApproximateCount);
    }

    [Fact]
    public void A_duplicate_sign_in_through_the_entity_branches_is_decided_once()
    {
        using var d = new RiskTopologyDriver(registry.Serdes);
        for (var i = 0; i < 5; i++)
        {
            d.SignIn($"farm-{i}", Start.AddMinutes(i), success: true, "farm-phone", ip: null, mfa: false, id: $"login-{i}");
        }

        d.SignIn("farm-4", Start.AddMinutes(4), success: true, "farm-phone", ip: null, mfa: false, id: "login-4");
        d.Flush();
        Assert.Equal(["farm-4|1|NORMAL|WATCH|45|DEVICE_SHARED"], Describe(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList()));
    }

    [Fact]
    public void With_the_entity_branches_off_a_device_farm_changes_nothing_and_there_are_no_repartition_topics()
    {
        using var d = new RiskTopologyDriver(registry.Serdes, entitySignals: false);
        for (var i = 0; i < 7; i++)
        {
            d.SignIn($"farm-{i}", Start.AddMinutes(i), success: true, "farm-phone", ip: null, mfa: false);
        }

        d.Flush();
        Assert.Empty(d.Changes.ReadRecordsToList().Select(r => r.Value).ToList());
        Assert.DoesNotContain(d.Driver.ProducedTopicNames, t => t.EndsWith("-repartition", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_shows_the_repartition_topics_windowed_stores_versioned_tables_and_join_buffers()
    {
        var topology = RiskTopology.Create(new RiskTopologyOptions { EntityJoinGrace = TimeSpan.FromSeconds(2) }, registry.Serdes);
        var text = topology.Describe().ToString();
        foreach (var kind in new[] { EntitySignalNames.Device, EntitySignalNames.Ip, EntitySignalNames.Merchant })
        {
            Assert.Contains($"entity-{kind}-events-repartition", text, StringComparison.Ordinal);
            Assert.Contains(EntitySignalNames.Windows(kind), text, StringComparison.Ordinal);
            Assert.Contains(EntitySignalNames.Latest(kind), text, StringComparison.Ordinal);
            Assert.Contains(EntitySignalNames.Join(kind) + "-Buffer", text, StringComparison.Ordinal);
        }

        Assert.Contains("entity-logins-by-account-repartition", text, StringComparison.Ordinal);
        Assert.Contains("entity-transactions-by-account-repartition", text, StringComparison.Ordinal);
        // Three to the entities and three back to the accounts; the windows reach their versioned tables in the entity task (no hop).
        Assert.Contains("entity-logins-without-address-by-account-repartition", text, StringComparison.Ordinal);
        Assert.Equal(6, topology.RepartitionTopics.Count);
    }

    internal static List<string> Describe(IEnumerable<RiskLevelChanged> changes) =>
        [.. changes.Select(c => $"{c.accountId}|{c.version}|{c.previousLevel}|{c.level}|{c.score}|{string.Join(",", c.reasons.Select(r => r.code))}")];
}
