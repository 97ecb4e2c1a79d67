namespace RiskStreams.Topology;

/// <summary>One reason of the account's last change.</summary>
/// <param name="Code">Reason code.</param>
/// <param name="Weight">Score it added (0 for reasons that score nothing).</param>
/// <param name="Message">Customer-language text in the requested culture.</param>
/// <param name="Evidence">Evidence, in the reason's key order.</param>
public sealed record AccountReasonView(string Code, int Weight, string Message, IReadOnlyDictionary<string, string> Evidence);
