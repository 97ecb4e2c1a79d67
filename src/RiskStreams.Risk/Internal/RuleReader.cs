using RiskStreams.Risk.Rules;
using YamlDotNet.RepresentationModel;

namespace RiskStreams.Risk.Internal;

/// <summary>Reads and validates the <c>rules</c> section: one entry per scored reason code.</summary>
internal static class RuleReader
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MaxSignalWindow = TimeSpan.FromDays(7);

    private static readonly string[] NotScored = [ReasonCodes.RepaymentSyncPending, ReasonCodes.RepaymentReceived, ReasonCodes.RiskCleared];

    private static readonly (string Code, string[] Keys, Func<YamlMap, RiskRule> Read)[] Readers =
    [
        (ReasonCodes.LoginFailures, ["enabled", "weight", "window", "threshold"], m => new LoginFailuresRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Int("threshold", 1, 10_000))),
        (ReasonCodes.NewDevice, ["enabled", "weight", "mfaExempts", "signalWindow", "maxKnownDevices"], m => new NewDeviceRule(
            m.Bool("enabled"), Weight(m), m.Bool("mfaExempts"), m.Duration("signalWindow", OneMinute, MaxSignalWindow),
            m.Int("maxKnownDevices", 1, StateLimits.MaxKnownDevices))),
        (ReasonCodes.ImpossibleTravel, ["enabled", "weight", "maxKmh", "minKm", "signalWindow"], m => new ImpossibleTravelRule(
            m.Bool("enabled"), Weight(m), m.Number("maxKmh", 0, 100_000), m.Number("minKm", -1, 20_100),
            m.Duration("signalWindow", OneMinute, MaxSignalWindow))),
        (ReasonCodes.SpendSpike, ["enabled", "weight", "window", "multiple", "floorMinor", "baselineWindow", "baselineMinCount"], m => new SpendSpikeRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Number("multiple", 0, 10_000), m.Amount("floorMinor", 0, long.MaxValue),
            BaselineWindow(m), m.Int("baselineMinCount", 1, 1_000_000))),
        (ReasonCodes.TxnVelocity, ["enabled", "weight", "window", "count"], m => new TxnVelocityRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Int("count", 1, 1_000_000))),
        (ReasonCodes.SmallTxnProbing, ["enabled", "weight", "window", "maxAmountMinor", "distinctMerchants"], m => new SmallTxnProbingRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Amount("maxAmountMinor", 1, long.MaxValue), m.Int("distinctMerchants", 1, StateLimits.MaxTransactions))),
        (ReasonCodes.HighDeclineRate, ["enabled", "weight", "window", "minTransactions", "ratio"], m => new HighDeclineRateRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Int("minTransactions", 1, 1_000_000), m.Number("ratio", 0, 1))),
        (ReasonCodes.CashAdvanceSurge, ["enabled", "weight", "window", "share", "minAmountMinor"], m => new CashAdvanceSurgeRule(
            m.Bool("enabled"), Weight(m), Window(m, "window"), m.Number("share", 0, 1), m.Amount("minAmountMinor", 0, long.MaxValue))),
        (ReasonCodes.HighUtilization, ["enabled", "weight", "ratio"], m => new HighUtilizationRule(
            m.Bool("enabled"), Weight(m), m.Number("ratio", 0, 10))),
        (ReasonCodes.RepaymentOverdue, ["enabled", "bands", "billsForSuspension"], m => new RepaymentOverdueRule(
            m.Bool("enabled"), Bands(m), m.Int("billsForSuspension", 1, StateLimits.MaxBills))),
    ];

    /// <summary>The reason codes a policy's <c>rules</c> section holds, in the order reasons are listed.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Readers.Select(r => r.Code)];

    public static PolicyRules? Read(YamlMap root)
    {
        if (root.Map("rules") is not { } rules)
        {
            return null;
        }

        var read = new Dictionary<string, RiskRule>(StringComparer.Ordinal);
        foreach (var (code, keys, reader) in Readers)
        {
            rules.MarkRead(code);
            if (!rules.Entries.Any(e => e.Name == code))
            {
                rules.Error(rules.Anchor, rules.PathOf(code), "is required (every rule must be listed; set enabled: false to turn one off)");
                continue;
            }

            if (rules.Map(code) is { } map)
            {
                read[code] = reader(map);
                map.RejectUnknown("one of: " + string.Join(", ", keys));
            }
        }

        foreach (var (name, key, _) in rules.Entries)
        {
            if (NotScored.Contains(name, StringComparer.Ordinal))
            {
                rules.MarkRead(name);
                rules.Error(key.Start, rules.PathOf(name), "is not a scored rule: the level logic gives this reason by itself (see syncGrace and cooldowns)");
            }
        }

        rules.RejectUnknown("a rule keyed by reason code, one of: " + string.Join(", ", Codes));
        if (read.Count != Readers.Length)
        {
            return null;
        }

        return new PolicyRules
        {
            LoginFailures = (LoginFailuresRule)read[ReasonCodes.LoginFailures],
            NewDevice = (NewDeviceRule)read[ReasonCodes.NewDevice],
            ImpossibleTravel = (ImpossibleTravelRule)read[ReasonCodes.ImpossibleTravel],
            SpendSpike = (SpendSpikeRule)read[ReasonCodes.SpendSpike],
            TxnVelocity = (TxnVelocityRule)read[ReasonCodes.TxnVelocity],
            SmallTxnProbing = (SmallTxnProbingRule)read[ReasonCodes.SmallTxnProbing],
            HighDeclineRate = (HighDeclineRateRule)read[ReasonCodes.HighDeclineRate],
            CashAdvanceSurge = (CashAdvanceSurgeRule)read[ReasonCodes.CashAdvanceSurge],
            HighUtilization = (HighUtilizationRule)read[ReasonCodes.HighUtilization],
            RepaymentOverdue = (RepaymentOverdueRule)read[ReasonCodes.RepaymentOverdue],
        };
    }

    private static int Weight(YamlMap m) => m.Int("weight", 0, 100);

    private static TimeSpan Window(YamlMap m, string key) => m.Duration(key, OneMinute, StateLimits.DetailHorizon);

    private static TimeSpan BaselineWindow(YamlMap m)
    {
        var window = m.Duration("baselineWindow", TimeSpan.FromDays(1), TimeSpan.FromDays(StateLimits.BaselineDays));
        if (window.Ticks % TimeSpan.TicksPerDay != 0)
        {
            m.Error("baselineWindow", $"must be whole days (the baseline keeps daily totals), was {Durations.Format(window)}");
        }

        return window;
    }

    private static List<OverdueBand> Bands(YamlMap m)
    {
        var bands = new List<OverdueBand>();
        if (m.Map("bands") is not { } map)
        {
            return bands;
        }

        foreach (var (name, key, value) in map.Entries)
        {
            map.MarkRead(name);
            var field = map.PathOf(name);
            if (!YamlMap.TryLong(name, out var days) || days < 0 || days > 3650)
            {
                map.Error(key.Start, field, $"band keys are days past due, whole numbers from 0 to 3650, was \"{name}\"");
                continue;
            }

            if (value is not YamlScalarNode { Value: { } text } || !YamlMap.TryLong(text, out var score) || score < 0 || score > 100)
            {
                map.Error(value.Start, field, $"must be a score, a whole number from 0 to 100, was {Shown(value)}");
                continue;
            }

            if (bands.Count > 0 && days <= bands[^1].DaysPastDue)
            {
                map.Error(key.Start, field, $"band days must be strictly increasing; {days} follows {bands[^1].DaysPastDue}");
            }
            else if (bands.Count > 0 && score < bands[^1].Score)
            {
                map.Error(value.Start, field, $"band scores must not decrease; {score} follows {bands[^1].Score}");
            }

            bands.Add(new OverdueBand((int)days, (int)score));
        }

        if (!map.Entries.Any())
        {
            map.Error(map.Anchor, map.Path, "needs at least one band");
        }

        return bands;
    }

    private static string Shown(YamlNode node) => node is YamlScalarNode { Value: { } text } ? $"\"{text}\"" : YamlMap.Kind(node);
}
