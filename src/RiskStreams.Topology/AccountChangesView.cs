namespace RiskStreams.Topology;

/// <summary>An account's recent changes, newest first (<c>GET /accounts/{id}/changes</c>), from <see cref="AccountRiskViews.ChangesOf"/>.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Changes">Its changes, newest first, as many as its state keeps.</param>
public sealed record AccountChangesView(string AccountId, IReadOnlyList<AccountChangeView> Changes);
