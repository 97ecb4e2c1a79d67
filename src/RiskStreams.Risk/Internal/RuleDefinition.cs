using RiskStreams.Risk.Rules;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// What the policy loader and the message catalogue need to know of one rule type: its reason code, its place in
/// the order reasons are listed, its YAML keys and reader, the rule used (disabled) when a policy file predates the
/// rule, and its message templates. Each rule type declares one as <c>internal static RuleDefinition Definition</c>.
/// </summary>
internal sealed record RuleDefinition(
    string Code, int Order, IReadOnlyList<string> Keys, Func<YamlMap, RiskRule> Read, RiskRule Disabled, IReadOnlyList<ReasonTemplate> Templates);
