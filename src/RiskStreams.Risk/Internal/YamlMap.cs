using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RiskStreams.Risk.Internal;

/// <summary>
/// One YAML mapping of a policy being validated. Each read records a problem instead of throwing and
/// returns a harmless default, so a load reports every error at once; <see cref="RejectUnknown"/>
/// then reports every key that was never read.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failed = new(StringComparer.Ordinal);
    private readonly PolicyErrors _errors;

    private YamlMap(YamlMappingNode node, string path, Mark anchor, PolicyErrors errors)
    {
        Path = path;
        Anchor = anchor;
        _errors = errors;
        foreach (var (key, value) in node.Children)
        {
            if (key is YamlScalarNode { Value: { } name })
            {
                _entries[name] = (key, value);
            }
            else
            {
                errors.Add(key.Start, path, "keys must be plain names");
            }
        }
    }

    /// <summary>Dotted path of this mapping ("" for the document root).</summary>
    public string Path { get; }

    /// <summary>Where missing keys of this mapping are reported: the key that introduced it.</summary>
    public Mark Anchor { get; }

    /// <summary>The keys in file order with their key nodes.</summary>
    public IEnumerable<(string Name, YamlNode Key, YamlNode Value)> Entries => _entries.Select(e => (e.Key, e.Value.Key, e.Value.Value));

    public static YamlMap? Of(YamlNode node, string path, Mark anchor, PolicyErrors errors)
    {
        if (node is YamlMappingNode mapping)
        {
            return new YamlMap(mapping, path, anchor, errors);
        }

        errors.Add(node.Start, path, $"must be a mapping of keys to values, found {Kind(node)}");
        return null;
    }

    /// <summary>True when the mapping holds <paramref name="key"/> (for optional keys; marks nothing as read).</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    public string PathOf(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public Mark PositionOf(string key) => _entries.TryGetValue(key, out var e) ? e.Value.Start : Anchor;

    public void Error(string key, string message)
    {
        _failed.Add(key);
        _errors.Add(PositionOf(key), PathOf(key), message);
    }

    /// <summary>True when a key is missing or its value was reported invalid, so checks across keys can skip it.</summary>
    public bool Failed(string key) => _failed.Contains(key) || !_entries.ContainsKey(key);

    public void Error(Mark at, string field, string message) => _errors.Add(at, field, message);

    /// <summary>The value of a required key, or null (and an error) when it is missing.</summary>
    public YamlNode? Node(string key)
    {
        _read.Add(key);
        if (_entries.TryGetValue(key, out var e))
        {
            return e.Value;
        }

        _errors.Add(Anchor, PathOf(key), "is required");
        return null;
    }

    public YamlMap? Map(string key) =>
        Node(key) is { } node ? Of(node, PathOf(key), _entries[key].Key.Start, _errors) : null;

    public string? Text(string key)
    {
        if (Node(key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } value })
        {
            if (value.Length == 0 && node is YamlScalarNode { Style: ScalarStyle.Plain })
            {
                Error(key, "has no value");
                return null;
            }

            return value;
        }

        Error(key, $"must be a single value, found {Kind(node)}");
        return null;
    }

    public bool Bool(string key) => Text(key) switch
    {
        null => false,
        "true" => true,
        "false" => false,
        var other => Fail(key, $"must be true or false, was \"{other}\"", false),
    };

    public int Int(string key, int min, int max) => (int)Long(key, min, max);

    public long Long(string key, long min, long max)
    {
        if (Text(key) is not { } text)
        {
            return min;
        }

        return TryLong(text, out var value) && value >= min && value <= max
            ? value
            : Fail(key, $"must be a whole number from {I(min)} to {I(max)}, was \"{text}\"", min);
    }

    /// <summary>
    /// An amount threshold per currency: a whole number for every currency, or a mapping with a required <c>default</c>
    /// and ISO-4217 codes as further keys, each from <paramref name="min"/> to <paramref name="max"/>.
    /// </summary>
    public CurrencyAmount Amount(string key, long min, long max)
    {
        if (!_entries.TryGetValue(key, out var entry) || entry.Value is not YamlMappingNode)
        {
            return Long(key, min, max);
        }

        var map = Map(key)!;
        var fallback = map.Long("default", min, max);
        var byCurrency = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, keyNode, _) in map.Entries)
        {
            if (name == "default")
            {
                continue;
            }

            map.MarkRead(name);
            if (name.Length != 3 || !name.All(char.IsAsciiLetterUpper))
            {
                map.Error(keyNode.Start, map.PathOf(name), $"keys are default or a three-letter ISO-4217 currency code such as EUR, was \"{name}\"");
                continue;
            }

            byCurrency[name] = map.Long(name, min, max);
        }

        return new CurrencyAmount(fallback, byCurrency);
    }

    /// <summary>A decimal number greater than <paramref name="above"/> and at most <paramref name="max"/>.</summary>
    public double Number(string key, double above, double max)
    {
        if (Text(key) is not { } text)
        {
            return max;
        }

        return double.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && double.IsFinite(value) && value > above && value <= max
            ? value
            : Fail(key, $"must be a number greater than {I(above)} and at most {I(max)}, was \"{text}\"", max);
    }

    public TimeSpan Duration(string key, TimeSpan min, TimeSpan max)
    {
        if (Text(key) is not { } text)
        {
            return min;
        }

        if (!Durations.TryParse(text, out var value))
        {
            return Fail(key, $"must be {Durations.Expected}, was \"{text}\"", min);
        }

        return value >= min && value <= max
            ? value
            : Fail(key, $"must be from {Durations.Format(min)} to {Durations.Format(max)}, was {text}", min);
    }

    /// <summary>Reports every key that no read asked for.</summary>
    public void RejectUnknown(string expected)
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (!_read.Contains(name))
            {
                _errors.Add(key.Start, PathOf(name), $"unknown key; expected {expected}");
            }
        }
    }

    /// <summary>Marks <paramref name="key"/> as handled by the caller (present or not).</summary>
    public void MarkRead(string key) => _read.Add(key);

    public static bool TryLong(string text, out long value)
    {
        // Underscores may group digits (100_000), as in YAML 1.1 and C#.
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        value = 0;
        return digits.Length > 0 && !text.StartsWith('_') && !text.EndsWith('_')
            && long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static string Kind(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };

    private T Fail<T>(string key, string message, T fallback)
    {
        Error(key, message);
        return fallback;
    }

    private static string I(double value) => value.ToString(CultureInfo.InvariantCulture);
}
