using System.Globalization;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Risk;
using RiskStreams.Topology;

namespace RiskStreams.Service.Dev;

/// <summary>
/// What <c>dev</c> shows of the generator's scenarios across accounts: from the ground truth of the events published
/// (<see cref="GeneratedEvent.Crowd"/>) and the changes read back, how many accounts of each kind of scenario got the matching
/// cross-account reason — for the same entity (the reason's <c>entity</c> evidence is the entity's tag) — and how many
/// accounts got such a reason outside every scenario. Thread-safe: the pump publishes while the printer reads.
/// </summary>
internal sealed class CrowdTally
{
    private static readonly CrowdScenarioKind[] Kinds = Enum.GetValues<CrowdScenarioKind>();
    private static readonly string[] Codes = [ReasonCodes.DeviceShared, ReasonCodes.IpCredentialStuffing, ReasonCodes.MerchantCardTesting];
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Run> _runs = [];
    private readonly Dictionary<string, List<Run>> _byTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _outside = new(StringComparer.Ordinal);

    /// <summary>The cross-account reason a scenario of <paramref name="kind"/> raises (an attack) or must not raise (a look-alike).</summary>
    public static string ReasonOf(CrowdScenarioKind kind) => CrowdScenario.EntityKindOf(kind) switch
    {
        CrowdEntityKind.Device => ReasonCodes.DeviceShared,
        CrowdEntityKind.IpAddress => ReasonCodes.IpCredentialStuffing,
        _ => ReasonCodes.MerchantCardTesting,
    };

    /// <summary>The tag a reason's evidence names the scenario's entity by.</summary>
    public static string TagOf(CrowdScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return EntityTags.Of(scenario.EntityKind switch
        {
            CrowdEntityKind.Device => EntitySignalNames.Device,
            CrowdEntityKind.IpAddress => EntitySignalNames.Ip,
            _ => EntitySignalNames.Merchant,
        }, scenario.EntityId);
    }

    /// <summary>Notes an event handed to the producer (ignored unless it belongs to a scenario across accounts).</summary>
    public void Published(GeneratedEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Crowd is not { } scenario)
        {
            return;
        }

        lock (_lock)
        {
            if (!_runs.TryGetValue(scenario.Turn, out var run))
            {
                run = new Run(scenario, TagOf(scenario));
                _runs.Add(scenario.Turn, run);
                if (!_byTag.TryGetValue(run.Tag, out var same))
                {
                    _byTag.Add(run.Tag, same = []);
                }

                same.Add(run);
            }

            run.Published++;
            run.Accounts.Add(e.Key);
        }
    }

    /// <summary>
    /// Notes a change read back; returns the scenarios whose cross-account reason it carries for one of their accounts (e.g.
    /// <c>device farm #0</c>), or null. Names only the scenario and never another account.
    /// </summary>
    public string? Observe(RiskLevelChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        List<string>? seen = null;
        lock (_lock)
        {
            foreach (var reason in change.reasons)
            {
                if (!Codes.Contains(reason.code) || !reason.evidence.TryGetValue("entity", out var tag))
                {
                    continue;
                }

                var run = _byTag.GetValueOrDefault(tag)?.FirstOrDefault(r => ReasonOf(r.Scenario.Kind) == reason.code && r.Accounts.Contains(change.accountId));
                if (run is null)
                {
                    Outside(reason.code).Add(change.accountId);
                    continue;
                }

                run.Flagged.Add(change.accountId);
                (seen ??= []).Add(string.Create(CultureInfo.InvariantCulture, $"{run.Scenario.Name} #{run.Scenario.Turn}"));
            }
        }

        return seen is null ? null : string.Join(", ", seen);
    }

    /// <summary>
    /// One line per kind of scenario (<c>crowd: device farm (attack, 2 runs): 16 of 16 accounts flagged DEVICE_SHARED</c>),
    /// then one of the accounts flagged outside every scenario.
    /// </summary>
    public IReadOnlyList<string> Summary()
    {
        lock (_lock)
        {
            var lines = new List<string>();
            foreach (var kind in Kinds)
            {
                var runs = _runs.Values.Where(r => r.Scenario.Kind == kind).OrderBy(r => r.Scenario.Turn).ToList();
                var role = CrowdScenario.IsAttackKind(kind) ? "attack" : "look-alike";
                var cut = string.Concat(runs.Where(r => r.Published < r.Scenario.Events).Select(r => string.Create(CultureInfo.InvariantCulture,
                    $" (#{r.Scenario.Turn} cut off by the end of the input after {r.Published} of its {r.Scenario.Events} events)")));
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"crowd: {CrowdScenario.NameOf(kind)} ({role}, {runs.Count} {(runs.Count == 1 ? "run" : "runs")}): {runs.Sum(r => r.Flagged.Count)} of {runs.Sum(r => r.Accounts.Count)} accounts flagged {ReasonOf(kind)}{cut}"));
            }

            lines.Add($"crowd: accounts flagged outside these scenarios: {string.Join(", ", Codes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {_outside.GetValueOrDefault(c)?.Count ?? 0}")))}");
            return lines;
        }
    }

    private HashSet<string> Outside(string code)
    {
        if (!_outside.TryGetValue(code, out var accounts))
        {
            _outside.Add(code, accounts = new HashSet<string>(StringComparer.Ordinal));
        }

        return accounts;
    }

    private sealed class Run(CrowdScenario scenario, string tag)
    {
        public CrowdScenario Scenario { get; } = scenario;

        public string Tag { get; } = tag;

        public int Published { get; set; }

        public HashSet<string> Accounts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Flagged { get; } = new(StringComparer.Ordinal);
    }
}
