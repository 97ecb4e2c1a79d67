namespace RiskStreams.Risk;

/// <summary>An event about one account, in event time. The domain's view of the input streams.</summary>
public abstract record AccountEvent(string EventId, string AccountId, long OccurredAtMs)
{
    /// <summary>Name of the stream the event came from, as carried on a change (<c>transactions</c>, <c>logins</c>, <c>repayments</c>).</summary>
    public abstract string Stream { get; }

    /// <summary>
    /// What other accounts did with the same device, network address or merchant, as of this event's time (joined on by the
    /// topology's entity branches); null when the branches are off or the event has no such entity.
    /// </summary>
    public EntityContext? Entity { get; init; }
}

/// <summary>A card or credit-line transaction. <see cref="AmountMinor"/> is in minor units of <see cref="Currency"/> (ISO-4217, e.g. <c>CNY</c>).</summary>
public sealed record TransactionEvent(
    string EventId, string AccountId, long OccurredAtMs, long AmountMinor, string MerchantId,
    bool Approved, bool CashAdvance, bool Refund, string? DeviceId, string? Country, GeoPoint? Location, string Currency)
    : AccountEvent(EventId, AccountId, OccurredAtMs)
{
    /// <inheritdoc />
    public override string Stream => "transactions";
}

/// <summary>A login attempt.</summary>
public sealed record LoginEvent(
    string EventId, string AccountId, long OccurredAtMs, bool Success, string DeviceId, bool MfaUsed,
    string? Country, GeoPoint? Location)
    : AccountEvent(EventId, AccountId, OccurredAtMs)
{
    /// <inheritdoc />
    public override string Stream => "logins";

    /// <summary>The network address the attempt came from (the contract's optional <c>ipAddress</c>).</summary>
    public string? IpAddress { get; init; }
}

/// <summary>The synced state of one bill.</summary>
public sealed record RepaymentEvent(
    string EventId, string AccountId, long OccurredAtMs, string SourceSystem, string BillId, long DueDateMs,
    BillState State, int DaysPastDue, long AmountDueMinor, long AmountPaidMinor, long? OutstandingMinor, long? CreditLimitMinor)
    : AccountEvent(EventId, AccountId, OccurredAtMs)
{
    /// <inheritdoc />
    public override string Stream => "repayments";
}

/// <summary>State of a bill in the lending ledger.</summary>
public enum BillState
{
    /// <summary>Not yet due.</summary>
    Scheduled,

    /// <summary>Paid in full.</summary>
    Paid,

    /// <summary>Partly paid.</summary>
    PartiallyPaid,

    /// <summary>Past due and unpaid.</summary>
    Overdue,
}

/// <summary>A point on the earth in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude);
