namespace RiskStreams.Risk.Internal;

/// <summary>Reads the policy's optional <c>reviews</c> section: every key optional, defaults from <see cref="ReviewPolicy.Default"/>.</summary>
internal static class ReviewPolicyReader
{
    public static ReviewPolicy Read(YamlMap root)
    {
        if (!root.Has("reviews") || root.Map("reviews") is not { } map)
        {
            return ReviewPolicy.Default;
        }

        var d = ReviewPolicy.Default;
        var min = TimeSpan.FromHours(1);
        var reviews = new ReviewPolicy(
            map.Has("clearSuppression") ? map.Duration("clearSuppression", min, ReviewPolicy.MaxDuration) : d.ClearSuppression,
            map.Has("upholdHold") ? map.Duration("upholdHold", min, ReviewPolicy.MaxDuration) : d.UpholdHold,
            map.Has("maxOverride") ? map.Duration("maxOverride", min, ReviewPolicy.MaxDuration) : d.MaxOverride);
        map.RejectUnknown("clearSuppression, upholdHold or maxOverride");
        return reviews;
    }
}
