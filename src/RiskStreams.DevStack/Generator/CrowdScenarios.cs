using System.Globalization;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.DevStack.Internal;

/// <summary>
/// Scenarios spanning several accounts, seen only across accounts (by the topology's device, address and merchant aggregates):
/// three attacks — a device farm, a credential-stuffing wave, card testing at a merchant — and their benign look-alikes — a
/// family tablet signed in to with MFA, a corporate NAT address with many successful sign-ins, a coffee kiosk of small approved
/// purchases. They take turns, one every <see cref="WorkloadOptions.CrowdScenarioInterval"/> of simulated time.
/// </summary>
internal static class CrowdScenarios
{
    private const int Kinds = 6;

    public static IEnumerable<GeneratedEvent> Pick(int turn, IReadOnlyList<AccountProfile> accounts, long now, Random random, EventIds ids, WorkloadTopics topics,
        IReadOnlyList<string> sources)
    {
        ScenarioContext For(AccountProfile a) => new(a, now, random, ids, topics, sources);
        var tag = string.Create(CultureInfo.InvariantCulture, $"{turn:D4}");
        var kind = (CrowdScenarioKind)(turn % Kinds);
        var members = Members(accounts, kind switch
        {
            CrowdScenarioKind.DeviceFarm => 8,
            CrowdScenarioKind.StuffingWave => 15,
            CrowdScenarioKind.MerchantAttack => 12,
            CrowdScenarioKind.FamilyTablet => 5,
            CrowdScenarioKind.CorporateNat => 30,
            _ => 25,
        }, random);
        var entity = kind switch
        {
            CrowdScenarioKind.DeviceFarm => $"farm-phone-{tag}",
            CrowdScenarioKind.StuffingWave => string.Create(CultureInfo.InvariantCulture, $"198.51.100.{1 + random.Next(254)}"),
            CrowdScenarioKind.MerchantAttack => $"m-attacked-{tag}",
            CrowdScenarioKind.FamilyTablet => $"family-tablet-{tag}",
            CrowdScenarioKind.CorporateNat => string.Create(CultureInfo.InvariantCulture, $"192.0.2.{1 + random.Next(254)}"),
            _ => $"m-coffee-kiosk-{tag}",
        };
        var contexts = members.ConvertAll(For);
        List<GeneratedEvent> events = [.. kind switch
        {
            CrowdScenarioKind.DeviceFarm => DeviceFarm(contexts, now, entity),
            CrowdScenarioKind.StuffingWave => StuffingWave(contexts, now, entity, tag),
            CrowdScenarioKind.MerchantAttack => MerchantAttack(contexts, now, random, entity),
            CrowdScenarioKind.FamilyTablet => FamilyTablet(contexts, now, entity),
            CrowdScenarioKind.CorporateNat => CorporateNat(contexts, now, entity),
            _ => CoffeeKiosk(contexts, now, random, entity),
        }];
        var scenario = new CrowdScenario(turn, kind, entity, members.ConvertAll(a => a.AccountId), now, events.Count);
        return events.ConvertAll(e => e with { Crowd = scenario });
    }

    /// <summary>One phone signing in to eight accounts in turn, twice round, without MFA.</summary>
    private static IEnumerable<GeneratedEvent> DeviceFarm(List<ScenarioContext> members, long now, string device)
    {
        var t = now;
        for (var round = 0; round < 2; round++)
        {
            foreach (var c in members)
            {
                yield return c.Login(t += 90_000, true, device, c.Account.Home, mfa: false);
            }
        }
    }

    /// <summary>One address failing two sign-ins on each of fifteen accounts within minutes, from rotating devices.</summary>
    private static IEnumerable<GeneratedEvent> StuffingWave(List<ScenarioContext> members, long now, string address, string tag)
    {
        var t = now;
        for (var round = 0; round < 2; round++)
        {
            foreach (var c in members)
            {
                var bot = $"bot-{tag}-{round}-{c.Account.AccountId}";
                yield return WithAddress(c.Login(t += 8_000, false, bot, Places.Abroad[0], mfa: false), address);
            }
        }
    }

    /// <summary>Twelve cards each making one tiny payment at one merchant within minutes, half of them declined.</summary>
    private static IEnumerable<GeneratedEvent> MerchantAttack(List<ScenarioContext> members, long now, Random random, string merchant)
    {
        var t = now;
        var i = 0;
        foreach (var c in members)
        {
            yield return c.Txn(t += 25_000, 100 + random.Next(99), merchant, c.Account.Home, null, TransactionChannel.ONLINE,
                status: i++ % 2 == 0 ? TransactionStatus.DECLINED : TransactionStatus.APPROVED);
        }
    }

    /// <summary>
    /// A household of five signing in on one tablet, each with MFA, twice over an evening: as many accounts as a device farm
    /// needs to be noticed, told apart only by the MFA.
    /// </summary>
    private static IEnumerable<GeneratedEvent> FamilyTablet(List<ScenarioContext> members, long now, string tablet)
    {
        var t = now;
        for (var round = 0; round < 2; round++)
        {
            foreach (var c in members)
            {
                yield return c.Login(t += 5 * WorkloadGenerator.MinuteMs, true, tablet, c.Account.Home, mfa: true);
            }
        }
    }

    /// <summary>Thirty employees signing in from their own devices behind one NAT address; two typos among them.</summary>
    private static IEnumerable<GeneratedEvent> CorporateNat(List<ScenarioContext> members, long now, string address)
    {
        var t = now;
        var i = 0;
        foreach (var c in members)
        {
            if (i++ % 15 == 0)
            {
                yield return WithAddress(c.Login(t += 5_000, false, c.Account.Device, c.Account.Home, mfa: false), address);
            }

            yield return WithAddress(c.Login(t += 15_000, true, c.Account.Device, c.Account.Home, mfa: false), address);
        }
    }

    /// <summary>Twenty-five customers buying a coffee at one kiosk: small, approved.</summary>
    private static IEnumerable<GeneratedEvent> CoffeeKiosk(List<ScenarioContext> members, long now, Random random, string kiosk)
    {
        var t = now;
        foreach (var c in members)
        {
            yield return c.Txn(t += 20_000, 150 + random.Next(50), kiosk, c.Account.Home, c.Account.Device, TransactionChannel.POS);
        }
    }

    private static List<AccountProfile> Members(IReadOnlyList<AccountProfile> accounts, int count, Random random)
    {
        var picked = new List<AccountProfile>(count);
        var taken = new HashSet<int>();
        while (picked.Count < Math.Min(count, accounts.Count))
        {
            var i = random.Next(accounts.Count);
            if (taken.Add(i))
            {
                picked.Add(accounts[i]);
            }
        }

        return picked;
    }

    private static GeneratedEvent WithAddress(GeneratedEvent login, string address)
    {
        ((Login)login.Value).ipAddress = address;
        return login;
    }
}
