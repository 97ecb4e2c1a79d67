namespace RiskStreams.Risk.Internal;

/// <summary>
/// The customer message of a reason code in every supported locale. Placeholders name evidence keys:
/// <c>{key}</c> is the value as is, <c>{key:duration}</c> a number of minutes as a length of time ("10 minutes",
/// "an hour"), <c>{key:lastPeriod}</c> as a period ending now ("the last hour"), <c>{key:percent}</c> a ratio as a
/// percentage ("83%"). A template with <see cref="WhenKey"/> applies only when that evidence has <see cref="WhenValue"/>;
/// the first template of a code that applies is used.
/// </summary>
internal sealed record ReasonTemplate(string Code, string En, string ZhCn, string? WhenKey = null, string? WhenValue = null)
{
    public string For(string locale) => locale == ReasonMessages.ChineseSimplified ? ZhCn : En;

    public bool AppliesTo(IReadOnlyList<KeyValuePair<string, string>> evidence) =>
        WhenKey is null || evidence.Any(e => e.Key == WhenKey && e.Value == WhenValue);
}
