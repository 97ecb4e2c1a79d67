using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Customer-facing messages of reason codes, from templates keyed by reason code in <c>en</c> and <c>zh-CN</c>.
/// A change carries its messages in the policy's locale (<see cref="RiskPolicy.Locale"/>); the evidence of each
/// reason holds every value a template refers to, so a notification system can render the reason in another
/// locale with <see cref="Render(RiskReason, string)"/>.
/// </summary>
public static class ReasonMessages
{
    /// <summary>English, the default locale.</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese.</summary>
    public const string ChineseSimplified = "zh-CN";

    private static readonly ReasonTemplate[] BuiltIn =
    [
        new(ReasonCodes.RepaymentSyncPending,
            "A bill looks unpaid, but repayment records from your lender are still being updated. We will not restrict your account for it until they are.",
            "有一笔账单看起来尚未还款，但贷款方的还款记录仍在更新中。在记录更新之前，我们不会因此限制您的账户。"),
        new(ReasonCodes.RepaymentReceived, "We received your repayment for the overdue bill.", "我们已收到您对逾期账单的还款。"),
        new(ReasonCodes.RiskCleared, "The activity that led to the earlier change has not recurred.", "导致此前变更的异常活动没有再出现。"),
    ];

    private static readonly ILookup<string, ReasonTemplate> Templates =
        BuiltIn.Concat(ReviewTemplates.All).Concat(RuleCatalog.Definitions.SelectMany(d => d.Templates)).ToLookup(t => t.Code, StringComparer.Ordinal);

    /// <summary>The locales templates exist for.</summary>
    public static IReadOnlyList<string> Locales { get; } = [English, ChineseSimplified];

    /// <summary>Every reason code with a template.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Templates.Select(g => g.Key)];

    /// <summary>The message of <paramref name="reason"/> in <paramref name="locale"/> (one of <see cref="Locales"/>), from its code and evidence.</summary>
    public static string Render(RiskReason reason, string locale)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return Render(reason.Code, reason.Evidence, locale, null);
    }

    /// <summary>The message of <paramref name="reason"/> in <paramref name="locale"/>, with <paramref name="policy"/>'s own templates first.</summary>
    public static string Render(RiskReason reason, string locale, RiskPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(policy);
        return Render(reason.Code, reason.Evidence, locale, policy.Messages.TryGetValue(locale, out var own) ? own : null);
    }

    internal static string Render(string code, IReadOnlyList<KeyValuePair<string, string>> evidence, string locale, IReadOnlyDictionary<string, string>? overrides)
    {
        if (!Locales.Contains(locale, StringComparer.Ordinal))
        {
            throw new ArgumentException($"Locale {locale} has no templates; expected one of: {string.Join(", ", Locales)}.", nameof(locale));
        }

        if (overrides is not null && overrides.TryGetValue(code, out var own))
        {
            return TemplateRenderer.Render(own, evidence, locale);
        }

        var template = Templates[code].FirstOrDefault(t => t.AppliesTo(evidence))
            ?? throw new ArgumentException($"Reason code {code} has no message template.", nameof(code));
        return TemplateRenderer.Render(template.For(locale), evidence, locale);
    }
}
