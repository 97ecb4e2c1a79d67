using RiskStreams.Risk;

namespace RiskStreams.Service.Api;

/// <summary>
/// INTERIM until the reviews read model is merged: the account's state as the API serves it, limited to what the state
/// holds on this branch (level, version, levelSince, features; the changes view is the latest change only). Field names
/// follow the API contract. At merge the lead replaces this file's two methods with <c>AccountRiskViews.Of</c> and
/// <c>AccountRiskViews.ChangesOf</c> (RiskStreams.Topology).
/// </summary>
internal static class InterimAccountViews
{
    public static object Of(string accountId, AccountRiskState state, RiskPolicy policy) => new
    {
        accountId,
        level = Level(state.Level),
        version = state.Version,
        levelSince = state.Version == 0 ? null : Iso(state.LevelSinceMs),
        features = Features(new AccountRiskDecider(policy).Features(state)),
        policyVersion = policy.Version,
        lastChangeId = state.Version == 0 ? null : $"{accountId}:{state.Version}",
    };

    public static object ChangesOf(string accountId, AccountRiskState state) => new
    {
        accountId,
        changes = state.Version == 0
            ? []
            : new[] { new { changeId = $"{accountId}:{state.Version}", version = state.Version, level = Level(state.Level), eventTime = Iso(state.LevelSinceMs) } },
    };

    private static Dictionary<string, object?> Features(AccountFeatures f) => new(StringComparer.Ordinal)
    {
        ["txnCount10m"] = f.Last10Minutes.Count,
        ["txnCount1h"] = f.LastHour.Count,
        ["txnCount24h"] = f.Last24Hours.Count,
        ["declined1h"] = f.LastHour.Declined,
        ["spend1hMinor"] = f.LastHour.SpendMinor,
        ["spend24hMinor"] = f.Last24Hours.SpendMinor,
        ["currency"] = f.Currency,
        ["loginFailures10m"] = f.FailedLoginsLast10Minutes,
        ["knownDevices"] = f.KnownDevices,
        ["overdueBills"] = f.OverdueBills,
        ["maxDaysPastDue"] = f.MaxDaysPastDue,
    };

    private static string Level(RiskLevel level) => level.ToString().ToUpperInvariant();

    private static string Iso(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
