using System.Collections.Frozen;
using System.Globalization;

namespace RiskStreams.Risk;

/// <summary>
/// A policy amount threshold (minor units) stated per currency with a default: in YAML either a plain number
/// (<c>floorMinor: 100_000</c>, every currency) or a mapping (<c>floorMinor: { default: 100_000, JPY: 1_500_000 }</c>)
/// whose keys other than <c>default</c> are ISO-4217 codes. Amounts are compared only with amounts of the same currency.
/// </summary>
public sealed class CurrencyAmount : IEquatable<CurrencyAmount>
{
    private readonly FrozenDictionary<string, long> _byCurrency;

    /// <summary>Creates a threshold of <paramref name="defaultMinor"/> with per-currency overrides.</summary>
    public CurrencyAmount(long defaultMinor, IReadOnlyDictionary<string, long>? byCurrency = null)
    {
        Default = defaultMinor;
        _byCurrency = (byCurrency ?? new Dictionary<string, long>()).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The threshold of currencies without an override.</summary>
    public long Default { get; }

    /// <summary>Per-currency overrides, by ISO-4217 code.</summary>
    public IReadOnlyDictionary<string, long> ByCurrency => _byCurrency;

    /// <summary>The same threshold for every currency.</summary>
    public static implicit operator CurrencyAmount(long defaultMinor) => FromInt64(defaultMinor);

    /// <summary>The same threshold for every currency.</summary>
    public static CurrencyAmount FromInt64(long defaultMinor) => new(defaultMinor);

    /// <summary>The threshold in <paramref name="currency"/>.</summary>
    public long For(string currency) => _byCurrency.TryGetValue(currency, out var amount) ? amount : Default;

    /// <inheritdoc />
    public bool Equals(CurrencyAmount? other) =>
        other is not null && Default == other.Default && _byCurrency.Count == other._byCurrency.Count
        && _byCurrency.All(e => other._byCurrency.TryGetValue(e.Key, out var v) && v == e.Value);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CurrencyAmount);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Default, _byCurrency.Count);

    /// <summary><c>100000</c>, or <c>100000 (JPY 1500000)</c> with overrides.</summary>
    public override string ToString() =>
        _byCurrency.Count == 0
            ? Default.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{Default} ({string.Join(", ", _byCurrency.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value}"))})");
}
