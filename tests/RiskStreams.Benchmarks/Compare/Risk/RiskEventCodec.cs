using System.Buffers.Binary;
using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Topology;
using AvroKind = RiskStreams.Avro.Contracts.ReviewKind;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;
using AvroOutcome = RiskStreams.Avro.Contracts.ReviewOutcome;
using DomainKind = RiskStreams.Risk.ReviewKind;
using DomainLevel = RiskStreams.Risk.RiskLevel;
using DomainOutcome = RiskStreams.Risk.ReviewOutcome;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology's input bytes: one topic of account events, each value a tag byte (transaction, login, repayment, review)
/// followed by the Avro record in Confluent wire format (the topology's own <see cref="RiskSerdes"/>, subjects of the production topics), decoded and mapped onto the
/// domain's events by both engines alike. The mapping follows the production <c>EventMapper</c> and <c>ReviewMapper</c> (internal to the topology);
/// records it would reject come out null and are skipped on both engines. Sync-status values are the synced-through instant
/// (8 bytes, big-endian ms), extracted by the harness.
/// </summary>
internal sealed class RiskEventCodec(RiskSerdes serdes)
{
    private const byte TransactionTag = 1;
    private const byte LoginTag = 2;
    private const byte RepaymentTag = 3;
    private const byte ReviewTag = 4;

    public byte[] Encode(global::Avro.Specific.ISpecificRecord value)
    {
        var (tag, bytes) = value switch
        {
            Transaction t => (TransactionTag, serdes.Transactions.Serialize(RiskTopics.Transactions, t)),
            Login l => (LoginTag, serdes.Logins.Serialize(RiskTopics.Logins, l)),
            RepaymentSync r => (RepaymentTag, serdes.Repayments.Serialize(RiskTopics.Repayments, r)),
            ReviewDecision r => (ReviewTag, serdes.Reviews.Serialize(RiskTopics.Reviews, r)),
            _ => throw new ArgumentException($"Not an account event: {value.GetType().Name}.", nameof(value)),
        };
        return [tag, .. bytes!];
    }

    public AccountEvent? Decode(byte[] value)
    {
        var avro = value.AsSpan(1);
        return value[0] switch
        {
            TransactionTag => Map(serdes.Transactions.Deserialize(RiskTopics.Transactions, avro, false)),
            LoginTag => Map(serdes.Logins.Deserialize(RiskTopics.Logins, avro, false)),
            RepaymentTag => Map(serdes.Repayments.Deserialize(RiskTopics.Repayments, avro, false)),
            _ => Map(serdes.Reviews.Deserialize(RiskTopics.Reviews, avro, false)),
        };
    }

    public static byte[] SyncedThrough(SyncStatus status)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Ms(status.syncedThrough));
        return bytes;
    }

    private static long Ms(DateTime value) =>
        (long)((value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime()) - DateTime.UnixEpoch).TotalMilliseconds;

    private static TransactionEvent? Map(Transaction t) =>
        Missing(t.eventId, t.accountId) || t.amountMinor < 0 ? null
            : new TransactionEvent(t.eventId, t.accountId, Ms(t.occurredAt), t.amountMinor, t.merchantId ?? "",
                t.status == TransactionStatus.APPROVED, t.kind == TransactionKind.CASH_ADVANCE, t.kind == TransactionKind.REFUND,
                t.deviceId, t.country, Point(t.latitude, t.longitude), t.currency ?? "");

    private static LoginEvent? Map(Login l) =>
        Missing(l.eventId, l.accountId, l.deviceId) ? null
            : new LoginEvent(l.eventId, l.accountId, Ms(l.occurredAt), l.outcome == LoginOutcome.SUCCESS, l.deviceId, l.mfaUsed,
                l.country, Point(l.latitude, l.longitude));

    private static RepaymentEvent? Map(RepaymentSync r) =>
        Missing(r.eventId, r.accountId, r.billId, r.sourceSystem) || r.daysPastDue < 0 ? null
            : new RepaymentEvent(r.eventId, r.accountId, Ms(r.occurredAt), r.sourceSystem, r.billId, Ms(r.dueDate), r.status switch
            {
                BillStatus.SCHEDULED => BillState.Scheduled,
                BillStatus.PAID => BillState.Paid,
                BillStatus.PARTIALLY_PAID => BillState.PartiallyPaid,
                _ => BillState.Overdue,
            }, r.daysPastDue, r.amountDueMinor, r.amountPaidMinor, r.outstandingMinor, r.creditLimitMinor);

    private static ReviewEvent? Map(ReviewDecision r) =>
        Missing(r.reviewId, r.accountId) ? null
            : new ReviewEvent(r.reviewId, r.accountId, Ms(r.decidedAt), r.reviewer ?? "",
                r.kind == AvroKind.APPEAL ? DomainKind.Appeal : DomainKind.ManualReview,
                r.outcome switch
                {
                    AvroOutcome.CLEAR => DomainOutcome.Clear,
                    AvroOutcome.UPHOLD => DomainOutcome.Uphold,
                    _ => DomainOutcome.Override,
                },
                r.level is { } level ? Level(level) : null,
                r.validUntil is { } until ? Ms(until) : null,
                [.. r.suppressReasons ?? []],
                r.relatedChangeId);

    private static DomainLevel Level(AvroLevel level) => level switch
    {
        AvroLevel.NORMAL => DomainLevel.Normal,
        AvroLevel.WATCH => DomainLevel.Watch,
        AvroLevel.RESTRICTED => DomainLevel.Restricted,
        _ => DomainLevel.Suspended,
    };

    private static bool Missing(params string?[] fields) => fields.Any(string.IsNullOrWhiteSpace);

    private static GeoPoint? Point(double? latitude, double? longitude) =>
        latitude is { } lat && longitude is { } lon && lat is >= -90 and <= 90 && lon is >= -180 and <= 180 ? new GeoPoint(lat, lon) : null;
}
