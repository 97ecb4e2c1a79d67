namespace RiskStreams.DevStack.Internal;

/// <summary>Wire names (<c>BACKWARD_TRANSITIVE</c>) of <see cref="CompatibilityLevel"/>.</summary>
internal static class CompatibilityLevels
{
    private static readonly Dictionary<string, CompatibilityLevel> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NONE"] = CompatibilityLevel.None,
        ["BACKWARD"] = CompatibilityLevel.Backward,
        ["BACKWARD_TRANSITIVE"] = CompatibilityLevel.BackwardTransitive,
        ["FORWARD"] = CompatibilityLevel.Forward,
        ["FORWARD_TRANSITIVE"] = CompatibilityLevel.ForwardTransitive,
        ["FULL"] = CompatibilityLevel.Full,
        ["FULL_TRANSITIVE"] = CompatibilityLevel.FullTransitive,
    };

    internal static bool TryParse(string? name, out CompatibilityLevel level) =>
        ByName.TryGetValue(name ?? string.Empty, out level);

    internal static string ToWireName(this CompatibilityLevel level) =>
        ByName.First(pair => pair.Value == level).Key;

    internal static bool IsTransitive(this CompatibilityLevel level) =>
        level is CompatibilityLevel.BackwardTransitive or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.FullTransitive;

    /// <summary>Whether the new schema must read data of earlier ones.</summary>
    internal static bool ChecksBackward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Backward or CompatibilityLevel.BackwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;

    /// <summary>Whether earlier schemas must read data of the new one.</summary>
    internal static bool ChecksForward(this CompatibilityLevel level) =>
        level is CompatibilityLevel.Forward or CompatibilityLevel.ForwardTransitive or CompatibilityLevel.Full or CompatibilityLevel.FullTransitive;
}
