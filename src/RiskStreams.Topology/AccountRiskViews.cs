using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RiskStreams.Risk;
using RiskStreams.Topology.Internal;
using AvroAction = RiskStreams.Avro.Contracts.RiskAction;
using AvroBill = RiskStreams.Avro.Contracts.BillStatus;
using AvroKind = RiskStreams.Avro.Contracts.ReviewKind;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;
using AvroOutcome = RiskStreams.Avro.Contracts.ReviewOutcome;

namespace RiskStreams.Topology;

/// <summary>
/// The read model of the account risk API: an account's state (from the account store) turned into
/// <see cref="AccountRiskView"/> and <see cref="AccountChangesView"/>. Pure: the same state, policy, coverage and time give
/// the same view. The reviewer's note is not in the state, so no view can show it.
/// </summary>
public static class AccountRiskViews
{
    /// <summary>
    /// How the views are serialised: camel case, enums as their (upper-case contract) symbols, times ISO-8601 UTC, text as is
    /// (Chinese messages and '+' unescaped: the views are served as <c>application/json</c>, never inlined into HTML).
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        WriteIndented = false,
    };

    /// <summary>The account's current picture from its state, as the API serves it (reasons rendered in <paramref name="culture"/>, <c>en</c> or <c>zh-CN</c>).</summary>
    public static AccountRiskView Of(AccountRiskState state, RiskPolicy policy, ISyncCoverage coverage, long nowMs, string culture = "en")
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(coverage);
        var decider = new AccountRiskDecider(policy);
        var known = state.ClockMs != long.MinValue;
        var f = decider.Features(state);
        var bills = decider.Bills(state, coverage);
        var last = state.RecentChanges.Count == 0 ? null : state.RecentChanges[^1];
        var accountId = state.AccountId ?? "";
        return new AccountRiskView(
            accountId,
            Level(state.Level),
            state.LastScore,
            state.Version,
            state.Version == 0 ? null : Utc(state.LevelSinceMs),
            [.. state.LastReasons.Select(r => new AccountReasonView(r.Code, r.Weight,
                ReasonMessages.Render(new RiskReason(r.Code, "", r.Evidence), culture, policy),
                r.Evidence.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal)))],
            [.. state.LastActions.Select(Action)],
            new AccountFeaturesView(
                f.Currency, f.Last10Minutes.Count, f.LastHour.Count, f.Last24Hours.Count, f.LastHour.Declined, f.LastHour.SpendMinor,
                f.Last24Hours.SpendMinor, f.Last24Hours.CashAdvanceMinor, f.BaselineCount, f.BaselineSpendMinor, f.FailedLoginsLast10Minutes,
                f.FailedLoginsLastHour, f.KnownDevices, f.OverdueBills, bills.Count(b => b.SyncPending), f.MaxDaysPastDue,
                f.Utilization is { } u ? Math.Round(u, 4) : null),
            [.. bills.Select(b => new AccountBillView(b.BillId, Bill(b.State), b.DaysPastDue, b.UnpaidMinor, Utc(b.DueDateMs), b.SyncPending))],
            [.. state.Reviews.Where(r => !known || r.UntilMs > state.ClockMs).Select(r => new AccountReviewView(
                r.ReviewId,
                r.Kind == ReviewKind.Appeal ? AvroKind.APPEAL : AvroKind.MANUAL_REVIEW,
                r.Outcome switch { ReviewOutcome.Clear => AvroOutcome.CLEAR, ReviewOutcome.Uphold => AvroOutcome.UPHOLD, _ => AvroOutcome.OVERRIDE },
                r.Level is { } level ? Level(level) : null,
                Utc(r.UntilMs),
                r.SuppressReasons,
                Utc(r.DecidedAtMs)))],
            policy.Version,
            last is null ? null : $"{accountId}:{last.Version}",
            last is null ? null : Utc(last.EventTimeMs),
            known ? Utc(state.ClockMs) : null,
            Utc(nowMs));
    }

    /// <summary>The account's recent changes, newest first (the bounded history kept in state).</summary>
    public static AccountChangesView ChangesOf(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var accountId = state.AccountId ?? "";
        return new AccountChangesView(accountId, [.. state.RecentChanges.Reverse().Select(c => new AccountChangeView(
            $"{accountId}:{c.Version}", c.Version, Level(c.PreviousLevel), Level(c.Level), c.Score, Utc(c.EventTimeMs), c.ReasonCodes, c.ReviewId,
            c.TriggeringStream))]);
    }

    private static DateTime Utc(long ms) =>
        DateTime.UnixEpoch.AddMilliseconds(Math.Clamp(ms, -62_135_596_800_000, 253_402_300_799_999));

    private static AvroLevel Level(RiskLevel level) => ChangeMapper.Level(level);

    private static AvroAction Action(RiskAction action) => ChangeMapper.Action(action);

    private static AvroBill Bill(BillState state) => state switch
    {
        BillState.Scheduled => AvroBill.SCHEDULED,
        BillState.Paid => AvroBill.PAID,
        BillState.PartiallyPaid => AvroBill.PARTIALLY_PAID,
        _ => AvroBill.OVERDUE,
    };
}
