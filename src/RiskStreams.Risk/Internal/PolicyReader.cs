using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RiskStreams.Risk.Internal;

/// <summary>Reads and validates a policy document: the top level, levels and cooldowns; rules in <see cref="RuleReader"/>.</summary>
internal static partial class PolicyReader
{
    private static readonly TimeSpan MaxCooldown = TimeSpan.FromDays(30);

    public static RiskPolicy Read(string yaml, string sourceName)
    {
        var errors = new PolicyErrors();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            // The parser cannot go on past a syntax error, so this one is reported alone.
            errors.Add(ex.Start, "(syntax)", FirstLine(ex.Message));
            throw new PolicyValidationException(sourceName, errors.Sorted());
        }

        if (stream.Documents.Count != 1)
        {
            var at = stream.Documents.Count == 0 ? new Mark(0, 1, 1) : stream.Documents[1].RootNode.Start;
            errors.Add(at, "(document)", stream.Documents.Count == 0 ? "the policy is empty" : "a policy file holds exactly one YAML document");
            throw new PolicyValidationException(sourceName, errors.Sorted());
        }

        var root = YamlMap.Of(stream.Documents[0].RootNode, "", new Mark(0, 1, 1), errors);
        if (root is null)
        {
            throw new PolicyValidationException(sourceName, errors.Sorted());
        }

        var version = root.Text("version");
        if (version is not null && !VersionPattern().IsMatch(version))
        {
            root.Error("version", $"must be 1 to 64 letters, digits, '.', '_' or '-', was \"{version}\"");
        }

        var levels = ReadLevels(root);
        var cooldowns = ReadCooldowns(root);
        var syncGrace = root.Duration("syncGrace", TimeSpan.Zero, MaxCooldown);
        var limits = root.Has("limits") ? ReadLimits(root) : EventLimits.Default;
        var locale = root.Has("locale") ? ReadLocale(root) : ReasonMessages.English;
        var messages = root.Has("messages") ? ReadMessages(root) : [];
        var warnings = new List<PolicyWarning>();
        var rules = RuleReader.Read(root, warnings);
        var reviews = ReviewPolicyReader.Read(root);
        root.RejectUnknown("version, levels, cooldowns, syncGrace, limits, locale, messages, reviews or rules");

        if (errors.Count > 0)
        {
            throw new PolicyValidationException(sourceName, errors.Sorted());
        }

        return new RiskPolicy
        {
            Version = version!, Source = sourceName, Levels = levels!, Cooldowns = cooldowns!, SyncGrace = syncGrace, Rules = rules!,
            Limits = limits ?? EventLimits.Default, Locale = locale, Messages = messages, Warnings = warnings, Reviews = reviews,
        };
    }

    private static LevelThresholds? ReadLevels(YamlMap root)
    {
        if (root.Map("levels") is not { } map)
        {
            return null;
        }

        var watch = map.Int("watch", 1, 100);
        var restricted = map.Int("restricted", 1, 100);
        var suspended = map.Int("suspended", 1, 100);
        map.RejectUnknown("watch, restricted or suspended");
        // Ordering is judged only between values that are valid on their own.
        var valid = !map.Failed("watch") && !map.Failed("restricted") && !map.Failed("suspended");
        if (valid && restricted <= watch)
        {
            map.Error("restricted", $"must be greater than levels.watch ({watch}), was {restricted}");
        }
        else if (valid && suspended <= restricted)
        {
            map.Error("suspended", $"must be greater than levels.restricted ({restricted}), was {suspended}");
        }

        return new LevelThresholds(watch, restricted, suspended);
    }

    private static LevelCooldowns? ReadCooldowns(YamlMap root)
    {
        if (root.Map("cooldowns") is not { } map)
        {
            return null;
        }

        var cooldowns = new LevelCooldowns(
            map.Duration("watch", TimeSpan.Zero, MaxCooldown),
            map.Duration("restricted", TimeSpan.Zero, MaxCooldown),
            map.Duration("suspended", TimeSpan.Zero, MaxCooldown));
        map.RejectUnknown("watch, restricted or suspended");
        return cooldowns;
    }

    private static string ReadLocale(YamlMap root)
    {
        var locale = root.Text("locale");
        if (locale is null || ReasonMessages.Locales.Contains(locale, StringComparer.Ordinal))
        {
            return locale ?? ReasonMessages.English;
        }

        root.Error("locale", $"must be one of: {string.Join(", ", ReasonMessages.Locales)}, was \"{locale}\"");
        return ReasonMessages.English;
    }

    /// <summary>The optional <c>messages</c> section: locale → reason code → template.</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadMessages(YamlMap root)
    {
        var messages = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        if (root.Map("messages") is not { } map)
        {
            return messages;
        }

        foreach (var (locale, key, _) in map.Entries)
        {
            map.MarkRead(locale);
            if (!ReasonMessages.Locales.Contains(locale, StringComparer.Ordinal))
            {
                map.Error(key.Start, map.PathOf(locale), $"must be a locale, one of: {string.Join(", ", ReasonMessages.Locales)}");
                continue;
            }

            if (map.Map(locale) is not { } templates)
            {
                continue;
            }

            var own = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (code, codeKey, _) in templates.Entries)
            {
                templates.MarkRead(code);
                if (!ReasonMessages.Codes.Contains(code, StringComparer.Ordinal))
                {
                    templates.Error(codeKey.Start, templates.PathOf(code), "must be a reason code, one of: " + string.Join(", ", ReasonMessages.Codes));
                }
                else if (templates.Text(code) is { } text)
                {
                    own[code] = text;
                }
            }

            messages[locale] = own;
        }

        return messages;
    }

    /// <summary>The optional <c>limits</c> section: every key optional, defaults from <see cref="EventLimits.Default"/>.</summary>
    private static EventLimits? ReadLimits(YamlMap root)
    {
        if (root.Map("limits") is not { } map)
        {
            return null;
        }

        var d = EventLimits.Default;
        var limits = new EventLimits
        {
            MaxAmountMinor = map.Has("maxAmountMinor") ? map.Long("maxAmountMinor", 1, long.MaxValue) : d.MaxAmountMinor,
            DaysPastDueToleranceDays = map.Has("daysPastDueToleranceDays") ? map.Int("daysPastDueToleranceDays", 0, 30) : d.DaysPastDueToleranceDays,
            MaxDueDateYears = map.Has("maxDueDateYears") ? map.Int("maxDueDateYears", 1, 100) : d.MaxDueDateYears,
            MaxIdLength = map.Has("maxIdLength") ? map.Int("maxIdLength", 1, 10_000) : d.MaxIdLength,
        };
        map.RejectUnknown("maxAmountMinor, daysPastDueToleranceDays, maxDueDateYears or maxIdLength");
        return limits;
    }

    private static string FirstLine(string message)
    {
        // YamlDotNet prefixes messages with "(Lin: x, Col: y, Chr: z) - (...): "; the position is reported separately.
        var text = message.Split('\n')[0].Trim();
        var cut = text.LastIndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && text.StartsWith('(') ? text[(cut + 3)..] : text;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex VersionPattern();
}
