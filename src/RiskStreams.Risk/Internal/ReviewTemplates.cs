namespace RiskStreams.Risk.Internal;

/// <summary>
/// Customer messages of the review reason codes. They say what happened, never why a reviewer decided: the reviewer's
/// note is not part of the domain, and the evidence (review id, levels, dates) is for systems, not for the text.
/// </summary>
internal static class ReviewTemplates
{
    public static IReadOnlyList<ReasonTemplate> All { get; } =
    [
        new(ReasonCodes.ReviewCleared,
            "We reviewed your account again and found the earlier decision was not justified. Your account is back to normal.",
            "我们已重新复核您的账户，认定此前的决定并不成立。您的账户已恢复正常。"),
        new(ReasonCodes.ReviewUpheld,
            "We reviewed your account again and the earlier decision stands.",
            "我们已重新复核您的账户，此前的决定维持不变。"),
        new(ReasonCodes.ReviewOverride,
            "After a manual review, a reviewer has set the status of your account.",
            "经人工复核，审核人员已调整您的账户状态。"),
        new(ReasonCodes.ReviewOverrideEnded,
            "The status set by a manual review has ended; your account is assessed automatically again.",
            "人工复核设定的账户状态已到期，您的账户恢复自动评估。"),
    ];
}
