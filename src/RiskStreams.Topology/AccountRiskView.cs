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
