using System.Globalization;

namespace RiskStreams.Risk;

// TEMPORARY SHIM (branch decisions-topology): the decisions-domain branch delivers the real validator; drop this file at merge.

/// <summary>Checks an account event's values against their documented meaning.</summary>
public static class AccountEventValidator
{
    /// <summary>The first rule <paramref name="e"/> breaks, or null when it may be decided on.</summary>
    public static EventRejection? Validate(AccountEvent e, EventLimits limits)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(limits);
        return e switch
        {
            TransactionEvent t => Amount("amountMinor", t.AmountMinor, limits) ?? Location(t.Location),
            LoginEvent l => Location(l.Location),
            RepaymentEvent r => Amount("amountDueMinor", r.AmountDueMinor, limits) ?? Amount("amountPaidMinor", r.AmountPaidMinor, limits)
                ?? (r.DaysPastDue < 0 ? new EventRejection("daysPastDue", "non-negative", $"daysPastDue must not be negative, was {I(r.DaysPastDue)}.") : null),
            _ => null,
        };
    }

    private static EventRejection? Amount(string field, long value, EventLimits limits) =>
        value < 0 ? new EventRejection(field, "non-negative", $"{field} must not be negative, was {I(value)}.")
        : value > limits.MaxAmountMinor ? new EventRejection(field, "ceiling", $"{field} {I(value)} exceeds the ceiling {I(limits.MaxAmountMinor)}.")
        : null;

    private static EventRejection? Location(GeoPoint? point) =>
        point is { } p && (p.Latitude is < -90 or > 90 || double.IsNaN(p.Latitude))
            ? new EventRejection("latitude", "range", $"latitude must be within [-90, 90], was {p.Latitude.ToString(CultureInfo.InvariantCulture)}.")
        : point is { } q && (q.Longitude is < -180 or > 180 || double.IsNaN(q.Longitude))
            ? new EventRejection("longitude", "range", $"longitude must be within [-180, 180], was {q.Longitude.ToString(CultureInfo.InvariantCulture)}.")
        : null;

    private static string I(long value) => value.ToString(CultureInfo.InvariantCulture);
}
