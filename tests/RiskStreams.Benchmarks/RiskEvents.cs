using System.Globalization;
using System.Text;
using Avro.Specific;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The risk benchmark's workload, serialized up front with the topology's own serdes (Confluent wire format) so piping them
/// costs the harness nothing: a realistic mix — most accounts light (the synthetic generator's ordinary traffic and risky
/// scenarios, about one event per account every 30 minutes) and a heavy tail (one account in 200) of card accounts with
/// thousands of transactions a day, which carry a fifth of the events.
/// </summary>
internal sealed record RiskEvents(IReadOnlyList<GeneratedEvent> Events, IReadOnlyList<(byte[] Key, byte[] Value)> Serialized, int Accounts,
    IReadOnlySet<string> HeavyAccounts, double HeavyTransactionsPerDay)
{
    /// <summary>Share of the events that belong to heavy accounts.</summary>
    public const double HeavyShare = 0.2;

    public static RiskEvents Generate(int count, int accounts)
    {
        var heavyCount = (int)(count * HeavyShare);
        var light = new WorkloadGenerator(new WorkloadOptions { Accounts = accounts, Seed = 42, AccountEventInterval = TimeSpan.FromMinutes(30) })
            .Generate().Take(count - heavyCount).ToList();
        var heavyAccounts = Enumerable.Range(1, Math.Max(1, accounts / 200))
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"heavy-{i:D4}")).ToArray();
        var (first, last) = (light[0].TimestampMs, light[^1].TimestampMs);
        var random = new Random(7);
        var heavy = new List<GeneratedEvent>(heavyCount);
        for (var i = 0; i < heavyCount; i++)
        {
            // Evenly over the light events' span, in order, a few hundred ms apart per account.
            var at = first + ((last - first) * i / Math.Max(1, heavyCount));
            var account = heavyAccounts[i % heavyAccounts.Length];
            heavy.Add(new GeneratedEvent(RiskTopics.Transactions, account, new Transaction
            {
                eventId = string.Create(CultureInfo.InvariantCulture, $"h-{i}"), accountId = account, occurredAt = DateTime.UnixEpoch.AddMilliseconds(at),
                amountMinor = 1_000 + random.Next(0, 20_000), currency = "CNY", merchantId = string.Create(CultureInfo.InvariantCulture, $"merchant-{random.Next(0, 40)}"),
                merchantCategory = "5411", channel = TransactionChannel.POS, kind = TransactionKind.PURCHASE,
                status = random.Next(0, 50) == 0 ? TransactionStatus.DECLINED : TransactionStatus.APPROVED,
            }, at));
        }

        var merged = light.Concat(heavy).OrderBy(e => e.ArrivesAtMs).ToList(); // stable: the light events keep their arrival order
        var days = Math.Max(1, last - first) / 86_400_000.0;
        return new RiskEvents(merged, [], accounts + heavyAccounts.Length, heavyAccounts.ToHashSet(StringComparer.Ordinal),
            Math.Round(heavyCount / (double)heavyAccounts.Length / days));
    }

    public RiskEvents Serialize(RiskSerdes serdes) => this with
    {
        Serialized = [.. Events.Select(e => (Encoding.UTF8.GetBytes(e.Key), Serialize(serdes, e.Topic, e.Value)))],
    };

    private static byte[] Serialize(RiskSerdes serdes, string topic, ISpecificRecord value) => value switch
    {
        Transaction t => serdes.Transactions.Serialize(topic, t),
        Login l => serdes.Logins.Serialize(topic, l),
        RepaymentSync r => serdes.Repayments.Serialize(topic, r),
        SyncStatus s => serdes.SyncStatus.Serialize(topic, s),
        ReviewDecision r => serdes.Reviews.Serialize(topic, r),
        _ => throw new InvalidOperationException($"No serde for {value.GetType().Name}."),
    } ?? throw new InvalidOperationException($"A {value.GetType().Name} serialized to null.");
}
