namespace RiskStreams.Risk;

// TEMPORARY SHIM (branch decisions-topology): the decisions-domain branch delivers the real type; drop this file at merge.

/// <summary>Why an account event was refused: the field, the rule it breaks, and a readable message.</summary>
/// <param name="Field">The contract field at fault (Avro field name).</param>
/// <param name="Rule">The rule broken (e.g. <c>range</c>, <c>ceiling</c>, <c>non-negative</c>).</param>
/// <param name="Message">A readable explanation with the value found.</param>
public sealed record EventRejection(string Field, string Rule, string Message);
