using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using AvroAction = RiskStreams.Avro.Contracts.RiskAction;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;
using DomainAction = RiskStreams.Risk.RiskAction;
using DomainLevel = RiskStreams.Risk.RiskLevel;

namespace RiskStreams.Topology.Internal;

/// <summary>Maps a domain <see cref="LevelChange"/> onto the <c>RiskLevelChanged</c> contract.</summary>
internal static class ChangeMapper
{
    public static RiskLevelChanged ToContract(LevelChange c, DateTime decidedAt)
    {
        RiskMetrics.LevelChanges.Add(1, new KeyValuePair<string, object?>("level", AccountLevelCounts.Name(c.Level)),
            new KeyValuePair<string, object?>("from_level", AccountLevelCounts.Name(c.PreviousLevel)),
            new KeyValuePair<string, object?>("reason", c.Reasons.Count > 0 ? c.Reasons[0].Code : "none"));
        return Contract(c, decidedAt);
    }

    private static RiskLevelChanged Contract(LevelChange c, DateTime decidedAt) => new()
    {
        accountId = c.AccountId,
        version = c.Version,
        changeId = c.ChangeId,
        previousLevel = Level(c.PreviousLevel),
        level = Level(c.Level),
        score = c.Score,
        reasons = [.. c.Reasons.Select(r => new Avro.Contracts.RiskReason
        {
            code = r.Code,
            message = r.Message,
            evidence = r.Evidence.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
        })],
        actions = [.. c.Actions.Select(Action)],
        appealable = c.Appealable,
        policyVersion = c.PolicyVersion,
        triggeringEventId = c.TriggeringEventId,
        triggeringStream = c.TriggeringStream,
        eventTime = DateTime.UnixEpoch.AddMilliseconds(c.EventTimeMs),
        decidedAt = decidedAt,
    };

    internal static AvroLevel Level(DomainLevel level) => level switch
    {
        DomainLevel.Normal => AvroLevel.NORMAL,
        DomainLevel.Watch => AvroLevel.WATCH,
        DomainLevel.Restricted => AvroLevel.RESTRICTED,
        _ => AvroLevel.SUSPENDED,
    };

    internal static AvroAction Action(DomainAction action) => action switch
    {
        DomainAction.NotifyCustomer => AvroAction.NOTIFY_CUSTOMER,
        DomainAction.RequireStepUpAuth => AvroAction.REQUIRE_STEP_UP_AUTH,
        DomainAction.ReduceCreditLimit => AvroAction.REDUCE_CREDIT_LIMIT,
        DomainAction.SuspendCredit => AvroAction.SUSPEND_CREDIT,
        DomainAction.RestoreCredit => AvroAction.RESTORE_CREDIT,
        _ => AvroAction.OPEN_MANUAL_REVIEW,
    };
}
