namespace RiskStreams.Risk;

/// <summary>Why <see cref="AccountEventValidator"/> refused an event: the field and the rule it broke, for the dead-letter record.</summary>
/// <param name="Field">The event's field as named in the Avro contract, e.g. <c>latitude</c> or <c>daysPastDue</c>.</param>
/// <param name="Rule">The broken rule, a stable token: see <see cref="AccountEventValidator"/>.</param>
/// <param name="Message">What was wrong, with the value and what was expected.</param>
public sealed record EventRejection(string Field, string Rule, string Message);
