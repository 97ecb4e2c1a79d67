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
        var kind = (CrowdScenario)(turn % Kinds);
        var events = kind switch
        {
            CrowdScenario.DeviceFarm => DeviceFarm(Members(accounts, 8, random).Select(For).ToList(), now, tag),
            CrowdScenario.StuffingWave => StuffingWave(Members(accounts, 15, random).Select(For).ToList(), now, random, tag),
            CrowdScenario.MerchantAttack => MerchantAttack(Members(accounts, 12, random).Select(For).ToList(), now, random, tag),
            CrowdScenario.FamilyTablet => FamilyTablet(Members(accounts, 4, random).Select(For).ToList(), now, tag),
            CrowdScenario.CorporateNat => CorporateNat(Members(accounts, 30, random).Select(For).ToList(), now, random),
            _ => CoffeeKiosk(Members(accounts, 25, random).Select(For).ToList(), now, random, tag),
        };
        return events.Select(e => e with { Crowd = kind });
    }

    /// <summary>One phone signing in to eight accounts in turn, twice round, without MFA.</summary>
    private static IEnumerable<GeneratedEvent> DeviceFarm(List<ScenarioContext> members, long now, string tag)
    {
        var device = $"farm-phone-{tag}";
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
    private static IEnumerable<GeneratedEvent> StuffingWave(List<ScenarioContext> members, long now, Random random, string tag)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"198.51.100.{1 + (random.Next(254))}");
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
    private static IEnumerable<GeneratedEvent> MerchantAttack(List<ScenarioContext> members, long now, Random random, string tag)
    {
        var merchant = $"m-attacked-{tag}";
        var t = now;
        var i = 0;
        foreach (var c in members)
        {
            yield return c.Txn(t += 25_000, 100 + random.Next(99), merchant, c.Account.Home, null, TransactionChannel.ONLINE,
                status: i++ % 2 == 0 ? TransactionStatus.DECLINED : TransactionStatus.APPROVED);
        }
    }

    /// <summary>A household of four signing in on one tablet, each with MFA, twice over an evening.</summary>
    private static IEnumerable<GeneratedEvent> FamilyTablet(List<ScenarioContext> members, long now, string tag)
    {
        var tablet = $"family-tablet-{tag}";
        var t = now;
        for (var round = 0; round < 2; round++)
        {
            foreach (var c in members)
            {
                yield return c.Login(t += 20 * WorkloadGenerator.MinuteMs, true, tablet, c.Account.Home, mfa: true);
            }
        }
    }

    /// <summary>Thirty employees signing in from their own devices behind one NAT address; two typos among them.</summary>
    private static IEnumerable<GeneratedEvent> CorporateNat(List<ScenarioContext> members, long now, Random random)
    {
        var address = string.Create(CultureInfo.InvariantCulture, $"192.0.2.{1 + (random.Next(254))}");
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
    private static IEnumerable<GeneratedEvent> CoffeeKiosk(List<ScenarioContext> members, long now, Random random, string tag)
    {
        var kiosk = $"m-coffee-kiosk-{tag}";
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
