using System.Globalization;
using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Checks an event's values against their documented meaning (<c>schemas/README.md</c>) before it is decided on.
/// Rules (the <see cref="EventRejection.Rule"/> tokens): <c>required</c> (ids present and not blank),
/// <c>too-long</c> (ids up to <see cref="EventLimits.MaxIdLength"/>), <c>amount-range</c> (amounts 0 ..
/// <see cref="EventLimits.MaxAmountMinor"/>), <c>currency-code</c> (three upper-case letters, ISO-4217 form),
/// <c>coordinate-range</c> (latitude −90..90, longitude −180..180, finite), <c>due-date-range</c> (within
/// <see cref="EventLimits.MaxDueDateYears"/> of <c>occurredAt</c>), <c>days-past-due</c> (not negative; for OVERDUE and
/// PARTIALLY_PAID bills equal, within <see cref="EventLimits.DaysPastDueToleranceDays"/>, to the whole days from
/// <c>dueDate</c> to <c>occurredAt</c>; for SCHEDULED and PAID bills at most that); reviews as in
/// <c>Internal.ReviewValidation</c> (reviewer, OVERRIDE level, validUntil, suppressed reason codes). Never throws for any field values.
/// </summary>
public static class AccountEventValidator
{
    private const long DayMs = 86_400_000;

    /// <summary>The first rule <paramref name="e"/> breaks, or null when it may be decided on.</summary>
    public static EventRejection? Validate(AccountEvent e, EventLimits limits)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(limits);
        return Id("eventId", e.EventId, limits)
            ?? Id("accountId", e.AccountId, limits)
            ?? e switch
            {
                TransactionEvent t => Transaction(t, limits),
                LoginEvent l => Id("deviceId", l.DeviceId, limits) ?? (string.IsNullOrEmpty(l.IpAddress) ? null : Id("ipAddress", l.IpAddress, limits)) ?? Location(l.Location),
                RepaymentEvent r => Repayment(r, limits),
                ReviewEvent review => Internal.ReviewValidation.Check(review, limits),
                _ => null,
            };
    }

    private static EventRejection? Transaction(TransactionEvent t, EventLimits limits) =>
        Amount("amountMinor", t.AmountMinor, limits)
        ?? Currency(t.Currency)
        ?? Id("merchantId", t.MerchantId, limits)
        ?? (t.DeviceId is null ? null : Id("deviceId", t.DeviceId, limits))
        ?? Location(t.Location);

    private static EventRejection? Repayment(RepaymentEvent r, EventLimits limits)
    {
        var rejection = Id("sourceSystem", r.SourceSystem, limits)
            ?? Id("billId", r.BillId, limits)
            ?? Amount("amountDueMinor", r.AmountDueMinor, limits)
            ?? Amount("amountPaidMinor", r.AmountPaidMinor, limits)
            ?? (r.OutstandingMinor is { } outstanding ? Amount("outstandingMinor", outstanding, limits) : null)
            ?? (r.CreditLimitMinor is { } limit ? Amount("creditLimitMinor", limit, limits) : null);
        if (rejection is not null)
        {
            return rejection;
        }

        var maxDistance = limits.MaxDueDateYears * 366 * DayMs;
        var distance = Saturating.Subtract(r.OccurredAtMs, r.DueDateMs);
        if (distance > maxDistance || distance < -maxDistance)
        {
            return new("dueDate", "due-date-range",
                F($"dueDate {Iso(r.DueDateMs)} is more than {limits.MaxDueDateYears} years from occurredAt {Iso(r.OccurredAtMs)}"));
        }

        if (r.DaysPastDue < 0)
        {
            return new("daysPastDue", "days-past-due", F($"daysPastDue must not be negative, was {r.DaysPastDue}"));
        }

        // Whole days from the due date to the record's time; the ledger's figure must agree within the tolerance.
        var derived = distance <= 0 ? 0 : distance / DayMs;
        var tolerance = limits.DaysPastDueToleranceDays;
        var mustMatch = r.State is BillState.Overdue or BillState.PartiallyPaid;
        var tooHigh = r.DaysPastDue > derived + tolerance;
        var tooLow = mustMatch && r.DaysPastDue < derived - tolerance;
        return tooHigh || tooLow
            ? new("daysPastDue", "days-past-due",
                F($"daysPastDue {r.DaysPastDue} disagrees with dueDate {Iso(r.DueDateMs)} and occurredAt {Iso(r.OccurredAtMs)} ({derived} days past due, tolerance {tolerance})"))
            : null;
    }

    private static EventRejection? Id(string field, string? value, EventLimits limits) =>
        string.IsNullOrWhiteSpace(value) ? new(field, "required", F($"{field} is required and was empty"))
        : value.Length > limits.MaxIdLength ? new(field, "too-long", F($"{field} is {value.Length} characters long, at most {limits.MaxIdLength} allowed"))
        : null;

    private static EventRejection? Amount(string field, long value, EventLimits limits) =>
        value < 0 || value > limits.MaxAmountMinor
            ? new(field, "amount-range", F($"{field} must be from 0 to {limits.MaxAmountMinor}, was {value}"))
            : null;

    private static EventRejection? Currency(string? code) =>
        code is { Length: 3 } && code.All(char.IsAsciiLetterUpper)
            ? null
            : new("currency", "currency-code", F($"currency must be a three-letter ISO-4217 code such as CNY, was \"{code}\""));

    private static EventRejection? Location(GeoPoint? point) =>
        point is not { } p ? null
        : !double.IsFinite(p.Latitude) || p.Latitude is < -90 or > 90
            ? new("latitude", "coordinate-range", F($"latitude must be from -90 to 90, was {p.Latitude}"))
        : !double.IsFinite(p.Longitude) || p.Longitude is < -180 or > 180
            ? new("longitude", "coordinate-range", F($"longitude must be from -180 to 180, was {p.Longitude}"))
        : null;

    private static string Iso(long ms) =>
        ms is >= -62_135_596_800_000 and <= 253_402_300_799_999
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : F($"{ms} ms");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
