using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using AvroKind = RiskStreams.Avro.Contracts.ReviewKind;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;
using AvroOutcome = RiskStreams.Avro.Contracts.ReviewOutcome;
using DomainKind = RiskStreams.Risk.ReviewKind;
using DomainLevel = RiskStreams.Risk.RiskLevel;
using DomainOutcome = RiskStreams.Risk.ReviewOutcome;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Maps the <c>ReviewDecision</c> contract onto the domain's <see cref="ReviewEvent"/>. The reviewer's <c>note</c> is dropped
/// here: it never reaches the domain, so no reason, message or change can carry it.
/// </summary>
internal static class ReviewMapper
{
    public static ReviewEvent Map(ReviewDecision r)
    {
        RiskMetrics.EventsConsumed.Add(1, new KeyValuePair<string, object?>("stream", ReviewEvent.StreamName));
        Require(r.reviewId, nameof(r.reviewId));
        Require(r.accountId, nameof(r.accountId));
        return new ReviewEvent(
            r.reviewId, r.accountId, EventMapper.ToUnixMs(r.decidedAt), r.reviewer ?? "",
            r.kind == AvroKind.APPEAL ? DomainKind.Appeal : DomainKind.ManualReview,
            r.outcome switch
            {
                AvroOutcome.CLEAR => DomainOutcome.Clear,
                AvroOutcome.UPHOLD => DomainOutcome.Uphold,
                _ => DomainOutcome.Override,
            },
            r.level is { } level ? Level(level) : null,
            r.validUntil is { } until ? EventMapper.ToUnixMs(until) : null,
            [.. r.suppressReasons ?? []],
            r.relatedChangeId);
    }

    private static DomainLevel Level(AvroLevel level) => level switch
    {
        AvroLevel.NORMAL => DomainLevel.Normal,
        AvroLevel.WATCH => DomainLevel.Watch,
        AvroLevel.RESTRICTED => DomainLevel.Restricted,
        _ => DomainLevel.Suspended,
    };

    private static void Require(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidEventException($"Field {field} is required and was empty.");
        }
    }
}
