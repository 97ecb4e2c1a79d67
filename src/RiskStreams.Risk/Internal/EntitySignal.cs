namespace RiskStreams.Risk.Internal;

/// <summary>
/// A cross-account signal an account event carried (its entity's window met the rule's thresholds), kept in the account's
/// state so the rule keeps counting for its signal window: the reason code, when, the entity's tag and the window's figures.
/// </summary>
internal sealed record EntitySignal(string Code, long AtMs, EntityWindowSummary Window);
