namespace RiskStreams.Risk;

/// <summary>
/// Plausibility limits for event values (<see cref="AccountEventValidator"/>), from the policy's optional
/// <c>limits:</c> section (<see cref="RiskPolicy.Limits"/>); the defaults apply when it is absent.
/// </summary>
public sealed record EventLimits
{
    /// <summary>The limits used when a policy states none.</summary>
    public static EventLimits Default { get; } = new();

    /// <summary>Ceiling of any amount (minor units): transaction amounts, amounts due and paid, outstanding balance, credit limit. Default 10^12 (ten billion major units).</summary>
    public long MaxAmountMinor { get; init; } = 1_000_000_000_000;

    /// <summary>How far a reported <c>daysPastDue</c> may be from the days derived from <c>dueDate</c> and <c>occurredAt</c>. Default 1 (ledgers differ on counting the due day).</summary>
    public int DaysPastDueToleranceDays { get; init; } = 1;

    /// <summary>A due date more than this many years before or after the record's <c>occurredAt</c> is implausible. Default 10.</summary>
    public int MaxDueDateYears { get; init; } = 10;

    /// <summary>Longest id accepted (event, account, bill, device, merchant and source ids), in characters. Default 200.</summary>
    public int MaxIdLength { get; init; } = 200;
}
