using RiskStreams.Risk.Rules;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// Reads and validates the <c>rules</c> section: one entry per scored reason code, read by its rule type
/// (<see cref="RuleCatalog"/>). A rule missing from the file (one written before the rule existed) is disabled
/// with its default parameters and a warning, so an older policy keeps loading after an upgrade.
/// </summary>
internal static class RuleReader
{
    private static readonly string[] NotScored = [ReasonCodes.RepaymentSyncPending, ReasonCodes.RepaymentReceived, ReasonCodes.RiskCleared];

    /// <summary>The reason codes a policy's <c>rules</c> section holds, in the order reasons are listed.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. RuleCatalog.Definitions.Select(d => d.Code)];

    public static PolicyRules? Read(YamlMap root, List<PolicyWarning> warnings)
    {
        if (root.Map("rules") is not { } rules)
        {
            return null;
        }

        var read = new List<RiskRule>();
        foreach (var definition in RuleCatalog.Definitions)
        {
            var code = definition.Code;
            rules.MarkRead(code);
            if (!rules.Has(code))
            {
                warnings.Add(new PolicyWarning(rules.PathOf(code),
                    "is not in this policy file (written before the rule existed): the rule is disabled; list it to enable it"));
                read.Add(definition.Disabled);
                continue;
            }

            if (rules.Map(code) is { } map)
            {
                read.Add(definition.Read(map));
                map.RejectUnknown("one of: " + string.Join(", ", definition.Keys));
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
        return read.Count == RuleCatalog.Definitions.Count ? new PolicyRules(read) : null;
    }
}
