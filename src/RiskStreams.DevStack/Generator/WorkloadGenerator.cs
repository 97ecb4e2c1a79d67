using System.Globalization;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack.Internal;

namespace RiskStreams.DevStack;

/// <summary>
/// Deterministic synthetic workload: interleaved transactions, logins, repayment syncs and per-source
/// sync heartbeats for N accounts, mostly ordinary, with risky scenarios mixed in — account takeover,
/// card testing, chronic overdue bills, the sync-lag trap (a bill that looks overdue and is then
/// reported paid) and travellers, false positives followed by an analyst's CLEAR on the reviews topic
/// (<see cref="Internal.AppealScenarios"/>) — plus the occasional record that breaks the contract — and, every
/// <see cref="WorkloadOptions.CrowdScenarioInterval"/>, a scenario across accounts: a device farm, a credential-stuffing
/// wave, card testing at a merchant, or a benign look-alike (family tablet with MFA, corporate NAT, coffee kiosk). Events come
/// out in event-time order; the same options give the same sequence.
/// </summary>
public sealed class WorkloadGenerator
{
    private const long Minute = 60_000;
    private const long Day = 86_400_000;
    private readonly WorkloadOptions _options;
    private readonly WorkloadTopics _topics;

    /// <summary>Creates a generator.</summary>
    public WorkloadGenerator(WorkloadOptions options, WorkloadTopics? topics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _topics = topics ?? new WorkloadTopics();
    }

    /// <summary>An endless, lazily generated sequence; bound it with <c>Take</c>.</summary>
    public IEnumerable<GeneratedEvent> Generate()
    {
        var random = new Random(_options.Seed);
        var accounts = Enumerable.Range(1, _options.Accounts).Select(i => new AccountProfile(
            string.Create(CultureInfo.InvariantCulture, $"acct-{i:D6}"),
            Places.Home[random.Next(Places.Home.Length)],
            random.Next(2_000, 40_000),
            string.Create(CultureInfo.InvariantCulture, $"dev-{i:D6}-a"))).ToArray();
        var scheduled = new PriorityQueue<GeneratedEvent, (long, long)>();
        long sequence = 0;
        var ids = new EventIds();
        var now = new DateTimeOffset(_options.StartTime).ToUnixTimeMilliseconds();
        var nextHeartbeat = now;

        // Cross-account scenarios draw from their own random stream, so the per-account workload stays as it was.
        var crowdRandom = new Random(unchecked(_options.Seed * 31) + 7);
        var crowdIntervalMs = (long)_options.CrowdScenarioInterval.TotalMilliseconds;
        var nextCrowd = now + crowdIntervalMs;
        var crowdTurn = 0;
        var meanGapMs = _options.AccountEventInterval.TotalMilliseconds / _options.Accounts;

        while (true)
        {
            now += 1 + (long)(-Math.Log(1 - random.NextDouble()) * meanGapMs);
            while (nextHeartbeat <= now)
            {
                foreach (var source in _options.SourceSystems)
                {
                    var status = new SyncStatus { sourceSystem = source, syncedThrough = At(nextHeartbeat - (90 * 1000)), reportedAt = At(nextHeartbeat) };
                    yield return new GeneratedEvent(_topics.SyncStatus, source, status, nextHeartbeat);
                }

                nextHeartbeat += (long)_options.HeartbeatInterval.TotalMilliseconds;
            }

            while (crowdIntervalMs > 0 && nextCrowd <= now)
            {
                foreach (var e in CrowdScenarios.Pick(crowdTurn++, accounts, nextCrowd, crowdRandom, ids, _topics, _options.SourceSystems))
                {
                    scheduled.Enqueue(e, (e.ArrivesAtMs, sequence++));
                }

                nextCrowd += crowdIntervalMs;
            }

            while (scheduled.TryPeek(out _, out var due) && due.Item1 <= now)
            {
                yield return scheduled.Dequeue();
            }

            var account = accounts[random.Next(accounts.Length)];
            var ctx = new ScenarioContext(account, now, random, ids, _topics, _options.SourceSystems);
            if (random.NextDouble() < _options.ScenarioProbability)
            {
                foreach (var e in Scenarios.Pick(ctx))
                {
                    scheduled.Enqueue(e, (e.ArrivesAtMs, sequence++));
                }
            }
            else
            {
                yield return Scenarios.Ordinary(ctx);
            }
        }
    }

    internal static DateTime At(long unixMs) => DateTime.UnixEpoch.AddMilliseconds(unixMs);

    internal const long MinuteMs = Minute;

    internal const long DayMs = Day;
}
