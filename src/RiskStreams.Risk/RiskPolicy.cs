using RiskStreams.Risk.Rules;

namespace RiskStreams.Risk;

/// <summary>
/// Thresholds, cooldowns and rules that turn account features into a level. Immutable; a new policy is
/// a new instance with a new <see cref="Version"/>. Policies come from YAML through
/// <see cref="RiskPolicyLoader"/>; the default one ships as <c>Policies/default-policy.yaml</c>.
/// </summary>
public sealed record RiskPolicy
{
    /// <summary>Source name of the shipped default policy.</summary>
    public const string DefaultSourceName = "default-policy.yaml";

    private const string DefaultResource = "RiskStreams.Risk.Policies.default-policy.yaml";

    /// <summary>The YAML text of the shipped default policy (embedded in this assembly).</summary>
    public static string DefaultYaml { get; } = ReadDefaultYaml();

    /// <summary>The shipped default policy, used when none is configured.</summary>
    public static RiskPolicy Default { get; } = RiskPolicyLoader.Load(DefaultYaml, DefaultSourceName);

    /// <summary>Carried on every change this policy decides.</summary>
    public required string Version { get; init; }

    /// <summary>Where the policy was loaded from (a file path or a name), for messages.</summary>
    public string Source { get; init; } = "";

    /// <summary>Minimum score of each level.</summary>
    public required LevelThresholds Levels { get; init; }

    /// <summary>How long the cause of each level must have been gone before the level is lowered.</summary>
    public required LevelCooldowns Cooldowns { get; init; }

    /// <summary>After a due date, how long a source may take to sync a payment before an overdue bill is trusted.</summary>
    public required TimeSpan SyncGrace { get; init; }

    /// <summary>Plausibility limits for event values (<see cref="AccountEventValidator"/>); the policy's optional <c>limits</c> section, defaults when absent.</summary>
    public EventLimits Limits { get; init; } = EventLimits.Default;

    /// <summary>Locale of the customer messages on changes (<see cref="ReasonMessages.Locales"/>); the policy's optional <c>locale</c>, default <c>en</c>.</summary>
    public string Locale { get; init; } = ReasonMessages.English;

    /// <summary>
    /// Message templates that replace the built-in ones, by locale then reason code (the policy's optional <c>messages</c>
    /// section); placeholders as in the built-in templates (<see cref="ReasonMessages"/>).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Messages { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>What the loader accepted with a default rather than refused, e.g. a rule missing from an older policy file (disabled).</summary>
    public IReadOnlyList<PolicyWarning> Warnings { get; init; } = [];

    /// <summary>How long reviews act when the reviewer gives no end (the optional <c>reviews</c> section).</summary>
    public ReviewPolicy Reviews { get; init; } = ReviewPolicy.Default;

    /// <summary>The scored rules.</summary>
    public required PolicyRules Rules { get; init; }

    /// <summary>Value equality; <see cref="Messages"/> and <see cref="Warnings"/> compared by content.</summary>
    public bool Equals(RiskPolicy? other) =>
        other is not null && Version == other.Version && Source == other.Source && Levels == other.Levels && Cooldowns == other.Cooldowns
        && SyncGrace == other.SyncGrace && Limits == other.Limits && Reviews == other.Reviews && Locale == other.Locale && Rules.Equals(other.Rules)
        && Warnings.SequenceEqual(other.Warnings) && Messages.Count == other.Messages.Count
        && Messages.All(m => other.Messages.TryGetValue(m.Key, out var o) && m.Value.Count == o.Count
            && m.Value.All(t => o.TryGetValue(t.Key, out var text) && text == t.Value));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Version, Source, Levels, Locale);

    /// <summary>Maps a score to a level.</summary>
    public RiskLevel LevelFor(int score) => Levels.LevelFor(score);

    private static string ReadDefaultYaml()
    {
        using var stream = typeof(RiskPolicy).Assembly.GetManifestResourceStream(DefaultResource)
            ?? throw new InvalidOperationException($"The default policy resource {DefaultResource} is missing from {typeof(RiskPolicy).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
