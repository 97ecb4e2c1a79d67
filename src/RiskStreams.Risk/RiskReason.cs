namespace RiskStreams.Risk;

/// <summary>One concrete reason for a decision.</summary>
/// <param name="Code">Stable code from <see cref="ReasonCodes"/>.</param>
/// <param name="Message">Plain-language text the customer can read; holds no internal jargon or other customers' data.</param>
/// <param name="Evidence">Feature values and thresholds that fired, as strings, in a stable key order.</param>
public sealed record RiskReason(string Code, string Message, IReadOnlyList<KeyValuePair<string, string>> Evidence);
