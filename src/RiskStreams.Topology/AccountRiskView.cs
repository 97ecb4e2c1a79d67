using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology;

/// <summary>
/// An account's current picture as the account risk API serves it (<c>GET /accounts/{id}/risk</c>), built by
/// <see cref="AccountRiskViews.Of"/>; serialise with <see cref="AccountRiskViews.JsonOptions"/>. Enums are the contract
/// enums (upper-case symbols), times UTC.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Level">Its current level.</param>
/// <param name="Score">Score of its last change (0 before the first).</param>
/// <param name="Version">Version of its last change (0 before the first).</param>
/// <param name="LevelSince">Event time the current level was entered (null before the first change).</param>
/// <param name="Reasons">Reasons of the last change, with weights, customer messages and evidence.</param>
/// <param name="Actions">Actions of the last change.</param>
/// <param name="Features">The features the policy scores, at the account's clock.</param>
/// <param name="Bills">The bills held, by id.</param>
/// <param name="Reviews">Reviews in force (OVERRIDE/UPHOLD and CLEARs still suppressing).</param>
/// <param name="PolicyVersion">Version of the policy the view was rendered with.</param>
/// <param name="LastChangeId">Id of the last change (<c>{accountId}:{version}</c>), or null.</param>
/// <param name="LastChangeAt">Event time of the last change, or null.</param>
/// <param name="Clock">The account's clock (the latest event time applied), or null before any event.</param>
/// <param name="AsOf">When the view was taken (the caller's clock).</param>
public sealed record AccountRiskView(
    string AccountId,
    RiskLevel Level,
    int Score,
    long Version,
    DateTime? LevelSince,
    IReadOnlyList<AccountReasonView> Reasons,
    IReadOnlyList<RiskAction> Actions,
    AccountFeaturesView Features,
    IReadOnlyList<AccountBillView> Bills,
    IReadOnlyList<AccountReviewView> Reviews,
    string PolicyVersion,
    string? LastChangeId,
    DateTime? LastChangeAt,
    DateTime? Clock,
    DateTime AsOf);

/// <summary>One reason of the account's last change.</summary>
/// <param name="Code">Reason code.</param>
/// <param name="Weight">Score it added (0 for reasons that score nothing).</param>
/// <param name="Message">Customer-language text in the requested culture.</param>
/// <param name="Evidence">Evidence, in the reason's key order.</param>
public sealed record AccountReasonView(string Code, int Weight, string Message, IReadOnlyDictionary<string, string> Evidence);

/// <summary>The features of an account that matter to its level, at the account's clock (amounts in <paramref name="Currency"/>).</summary>
/// <param name="Currency">Currency of the latest transaction (the amounts' currency), or null.</param>
/// <param name="TxnCount10m">Transactions (attempts) in the last 10 minutes.</param>
/// <param name="TxnCount1h">... in the last hour.</param>
/// <param name="TxnCount24h">... in the last 24 hours.</param>
/// <param name="Declined1h">Declined attempts in the last hour.</param>
/// <param name="Spend1hMinor">Approved spend in the last hour.</param>
/// <param name="Spend24hMinor">Approved spend in the last 24 hours.</param>
/// <param name="CashAdvance24hMinor">Approved cash advances in the last 24 hours.</param>
/// <param name="BaselineCount">Approved transactions in the spend baseline.</param>
/// <param name="BaselineSpendMinor">Their spend.</param>
/// <param name="LoginFailures10m">Failed logins in the last 10 minutes.</param>
/// <param name="LoginFailures1h">Failed logins in the last hour.</param>
/// <param name="KnownDevices">Devices remembered.</param>
/// <param name="OverdueBills">Bills held as overdue (confirmed or awaiting sync).</param>
/// <param name="SyncPendingBills">Overdue bills still awaiting their payment sources' sync.</param>
/// <param name="MaxDaysPastDue">Days past due of the most overdue bill.</param>
/// <param name="Utilization">Outstanding / limit, or null.</param>
public sealed record AccountFeaturesView(
    string? Currency, int TxnCount10m, int TxnCount1h, int TxnCount24h, int Declined1h, long Spend1hMinor, long Spend24hMinor,
    long CashAdvance24hMinor, long BaselineCount, long BaselineSpendMinor, int LoginFailures10m, int LoginFailures1h, int KnownDevices,
    int OverdueBills, int SyncPendingBills, int MaxDaysPastDue, double? Utilization);

/// <summary>One bill of the account.</summary>
/// <param name="BillId">The bill's id.</param>
/// <param name="State">Its ledger state.</param>
/// <param name="DaysPastDue">Days past due.</param>
/// <param name="UnpaidMinor">What is still owed, in minor units.</param>
/// <param name="DueDate">Its due date.</param>
/// <param name="SyncPending">Overdue but its payment sources have not synced past the due date (plus grace) yet.</param>
public sealed record AccountBillView(string BillId, BillStatus State, int DaysPastDue, long UnpaidMinor, DateTime DueDate, bool SyncPending);

/// <summary>A review in force on the account.</summary>
/// <param name="ReviewId">The review's id.</param>
/// <param name="Kind">Appeal or manual review.</param>
/// <param name="Outcome">What was decided.</param>
/// <param name="Level">The level an OVERRIDE set, else null.</param>
/// <param name="ValidUntil">When its effect ends.</param>
/// <param name="SuppressReasons">Reason codes a CLEAR suppresses.</param>
/// <param name="DecidedAt">When it was decided.</param>
public sealed record AccountReviewView(
    string ReviewId, ReviewKind Kind, ReviewOutcome Outcome, RiskLevel? Level, DateTime ValidUntil, IReadOnlyList<string> SuppressReasons, DateTime DecidedAt);

/// <summary>An account's recent changes, newest first (<c>GET /accounts/{id}/changes</c>), from <see cref="AccountRiskViews.ChangesOf"/>.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Changes">Its changes, newest first, as many as its state keeps.</param>
public sealed record AccountChangesView(string AccountId, IReadOnlyList<AccountChangeView> Changes);

/// <summary>One change of an account.</summary>
/// <param name="ChangeId"><c>{accountId}:{version}</c>.</param>
/// <param name="Version">Its version.</param>
/// <param name="PreviousLevel">Level before.</param>
/// <param name="Level">Level after.</param>
/// <param name="Score">Its score.</param>
/// <param name="EventTime">Event time of its trigger.</param>
/// <param name="Reasons">Its reason codes, in order.</param>
/// <param name="ReviewId">The review that caused it, or null.</param>
/// <param name="TriggeringStream">The stream of its trigger (<c>transactions</c>, <c>reviews</c>, <c>stream-time</c>…).</param>
public sealed record AccountChangeView(
    string ChangeId, long Version, RiskLevel PreviousLevel, RiskLevel Level, int Score, DateTime EventTime, IReadOnlyList<string> Reasons,
    string? ReviewId, string TriggeringStream);
