using System.Reflection;
using RiskStreams.Risk.Rules;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// Every rule type of this assembly, found by reflection: a sealed <see cref="RiskRule"/> with a static
/// <c>Definition</c> (<see cref="RuleDefinition"/>). Adding a rule is one file (the rule type) plus its YAML entry.
/// </summary>
internal static class RuleCatalog
{
    public static IReadOnlyList<RuleDefinition> Definitions { get; } = Discover();

    private static List<RuleDefinition> Discover()
    {
        var definitions = typeof(RiskRule).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(RiskRule)) && !t.IsAbstract)
            .Select(t => t.GetProperty("Definition", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(null) as RuleDefinition
                ?? throw new InvalidOperationException($"Rule type {t.Name} declares no static RuleDefinition Definition."))
            .OrderBy(d => d.Order)
            .ToList();
        var duplicate = definitions.GroupBy(d => d.Code).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? definitions : throw new InvalidOperationException($"Two rule types give reason code {duplicate.Key}.");
    }
}
