using System.Globalization;

namespace RiskStreams.Risk;

/// <summary>Something in a policy file that was accepted with a default rather than refused, e.g. a rule the file predates.</summary>
/// <param name="Field">Dotted path of the field, e.g. <c>rules.CASH_ADVANCE_SURGE</c>.</param>
/// <param name="Message">What was assumed.</param>
public sealed record PolicyWarning(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Field}: {Message}");
}
