using System.Globalization;

namespace RiskStreams.Risk;

/// <summary>One problem found in a policy file.</summary>
/// <param name="Line">1-based line of the offending key or value.</param>
/// <param name="Column">1-based column of the offending key or value.</param>
/// <param name="Field">Dotted path of the field, e.g. <c>rules.SPEND_SPIKE.multiple</c>.</param>
/// <param name="Message">What is wrong and what is expected.</param>
public sealed record PolicyError(int Line, int Column, string Field, string Message)
{
    /// <summary>Compiler-style text: <c>SOURCE:LINE:COL: FIELD: MESSAGE</c>.</summary>
    public string Format(string sourceName) =>
        string.Create(CultureInfo.InvariantCulture, $"{sourceName}:{Line}:{Column}: {Field}: {Message}");

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Line}:{Column}: {Field}: {Message}");
}
