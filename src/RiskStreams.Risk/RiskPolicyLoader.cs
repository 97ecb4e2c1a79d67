using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Loads a <see cref="RiskPolicy"/> from YAML (schema documented in <c>Policies/default-policy.yaml</c>)
/// and validates it: required fields, value ranges, durations, strictly increasing level thresholds,
/// rules keyed by reason code, no unknown keys. Every error is reported at once, with line and column.
/// A rule the file does not list (a file written before the rule existed) is disabled and reported in
/// <see cref="RiskPolicy.Warnings"/>; the optional sections <c>limits</c>, <c>locale</c> and <c>messages</c>
/// take their defaults when absent.
/// </summary>
public static class RiskPolicyLoader
{
    /// <summary>The reason codes of the scored rules, in the order reasons are listed; a policy's <c>rules</c> section lists each at most once.</summary>
    public static IReadOnlyList<string> RuleCodes => RuleReader.Codes;

    /// <summary>Parses and validates <paramref name="yaml"/>; <paramref name="sourceName"/> names it in errors.</summary>
    /// <exception cref="PolicyValidationException">The policy is not valid; <see cref="PolicyValidationException.Errors"/> lists why.</exception>
    public static RiskPolicy Load(string yaml, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return PolicyReader.Read(yaml, sourceName);
    }

    /// <summary>Reads the policy file at <paramref name="path"/> and validates it.</summary>
    /// <exception cref="PolicyValidationException">The policy is not valid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static RiskPolicy LoadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Load(File.ReadAllText(path), path);
    }
}
