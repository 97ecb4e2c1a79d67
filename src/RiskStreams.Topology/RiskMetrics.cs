using System.Diagnostics.Metrics;

namespace RiskStreams.Topology;

/// <summary>Instruments of the risk pipeline, on the <see cref="MeterName"/> meter (the service exports them to Prometheus).</summary>
public static class RiskMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "RiskStreams.Risk";

    private static readonly Meter Meter = new(MeterName);

    internal static readonly Counter<long> EventsConsumed =
        Meter.CreateCounter<long>("riskstreams.events.consumed", null, "Input events consumed, by stream.");

    /// <summary>Prometheus <c>riskstreams_events_decided_total</c>: events the policy decided (not duplicates, not refused), by stream.</summary>
    internal static readonly Counter<long> EventsDecided =
        Meter.CreateCounter<long>("riskstreams.events.decided", null, "Account events decided by the policy (duplicates and refused events excluded), by stream.");

    /// <summary>Prometheus <c>riskstreams_decision_latency_seconds</c>: processing clock at the decision minus the event's own time, by stream.</summary>
    internal static readonly Histogram<double> DecisionLatency =
        Meter.CreateHistogram<double>("riskstreams.decision.latency", "seconds", "Event time to decision (processing clock), by stream; includes the reorder grace.");

    /// <summary>
    /// Prometheus <c>riskstreams_level_changes_total</c>: changes emitted, by new <c>level</c>, <c>from_level</c> and <c>reason</c>
    /// (the change's first reason code, <c>none</c> when it has none).
    /// </summary>
    internal static readonly Counter<long> LevelChanges =
        Meter.CreateCounter<long>("riskstreams.level.changes", null, "Risk-level changes emitted, by new level, previous level and first reason code.");

    /// <summary>Prometheus <c>riskstreams_accounts</c>: accounts held by this process's tasks, by level (see <see cref="Internal.AccountLevelCounts"/>).</summary>
    internal static readonly ObservableGauge<long> Accounts =
        Meter.CreateObservableGauge("riskstreams.accounts", Internal.AccountLevelCounts.Observe, null, "Accounts in the state of this instance's tasks, by current level.");

    /// <summary>Events skipped because their eventId was already applied to the account (Prometheus <c>riskstreams_risk_duplicate_events_total</c>).</summary>
    internal static readonly Counter<long> DuplicateEvents =
        Meter.CreateCounter<long>("riskstreams.risk.duplicate.events", null, "Account events skipped as already applied (same eventId), by stream.");

    /// <summary>
    /// Events refused and dead-lettered, by reason (<c>invalid-value</c>, <c>key-mismatch</c>, <c>clock-skew</c>, <c>too-old</c>)
    /// and stream (Prometheus <c>riskstreams_risk_rejected_events_total</c>).
    /// </summary>
    internal static readonly Counter<long> RejectedEvents =
        Meter.CreateCounter<long>("riskstreams.risk.rejected.events", null, "Account events refused and dead-lettered, by reason and stream.");

    /// <summary>Step-down timers fired (Prometheus <c>riskstreams_risk_stepdown_checks_total</c>), by outcome (<c>changed</c> or <c>held</c>).</summary>
    internal static readonly Counter<long> StepDownChecks =
        Meter.CreateCounter<long>("riskstreams.risk.stepdown.checks", null, "Stream-time step-down timers fired, by outcome.");

    /// <summary>
    /// Logins and transactions decided without their entity enrichment because it had not come back within the entity lateness
    /// of stream time (Prometheus <c>riskstreams_risk_entity_enrichment_overdue_total</c>), by stream.
    /// </summary>
    internal static readonly Counter<long> EntityEnrichmentOverdue =
        Meter.CreateCounter<long>("riskstreams.risk.entity.enrichment.overdue", null, "Events decided without their entity enrichment (not back within the entity lateness), by stream.");
}
