using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;

namespace RiskStreams.Topology.Internal;

/// <summary>Maps the Avro contracts onto the domain's events, rejecting content the domain cannot use.</summary>
internal static class EventMapper
{
    public static long ToUnixMs(DateTime value) =>
        (long)((value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime()) - DateTime.UnixEpoch).TotalMilliseconds;

    public static TransactionEvent Map(Transaction t)
    {
        Count("transactions");
        Require(t.eventId, nameof(t.eventId));
        Require(t.accountId, nameof(t.accountId));
        if (t.amountMinor < 0)
        {
            throw new InvalidEventException($"Transaction {t.eventId}: amountMinor must not be negative, was {t.amountMinor}.");
        }

        return new TransactionEvent(t.eventId, t.accountId, ToUnixMs(t.occurredAt), t.amountMinor, t.merchantId ?? "",
            t.status == TransactionStatus.APPROVED, t.kind == TransactionKind.CASH_ADVANCE, t.kind == TransactionKind.REFUND,
            t.deviceId, t.country, Point(t.latitude, t.longitude), t.currency ?? "");
    }

    public static LoginEvent Map(Login l)
    {
        Count("logins");
        Require(l.eventId, nameof(l.eventId));
        Require(l.accountId, nameof(l.accountId));
        Require(l.deviceId, nameof(l.deviceId));
        return new LoginEvent(l.eventId, l.accountId, ToUnixMs(l.occurredAt), l.outcome == LoginOutcome.SUCCESS, l.deviceId, l.mfaUsed,
            l.country, Point(l.latitude, l.longitude))
        {
            IpAddress = l.ipAddress,
        };
    }

    public static RepaymentEvent Map(RepaymentSync r)
    {
        Count("repayments");
        Require(r.eventId, nameof(r.eventId));
        Require(r.accountId, nameof(r.accountId));
        Require(r.billId, nameof(r.billId));
        Require(r.sourceSystem, nameof(r.sourceSystem));
        if (r.daysPastDue < 0)
        {
            throw new InvalidEventException($"RepaymentSync {r.eventId}: daysPastDue must not be negative, was {r.daysPastDue}.");
        }

        var state = r.status switch
        {
            BillStatus.SCHEDULED => BillState.Scheduled,
            BillStatus.PAID => BillState.Paid,
            BillStatus.PARTIALLY_PAID => BillState.PartiallyPaid,
            _ => BillState.Overdue,
        };
        return new RepaymentEvent(r.eventId, r.accountId, ToUnixMs(r.occurredAt), r.sourceSystem, r.billId, ToUnixMs(r.dueDate), state,
            r.daysPastDue, r.amountDueMinor, r.amountPaidMinor, r.outstandingMinor, r.creditLimitMinor);
    }

    private static void Count(string stream) => RiskMetrics.EventsConsumed.Add(1, new KeyValuePair<string, object?>("stream", stream));

    private static GeoPoint? Point(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? new GeoPoint(lat, lon) : null;

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidEventException($"Field {field} is required and was empty.");
        }
    }
}
