namespace RiskStreams.Risk.Tests;

/// <summary>The policy's optional <c>reviews</c> section: defaults, partial sections, validation.</summary>
public sealed class ReviewPolicyTests
{
    private const string Section = "reviews:\n  clearSuppression: 30d\n  upholdHold: 14d\n  maxOverride: 30d\n";

    /// <summary>The shipped default policy without its reviews section: a policy written before the section existed.</summary>
    private static string WithoutSection()
    {
        Assert.Contains(Section, RiskPolicy.DefaultYaml, StringComparison.Ordinal);
        return RiskPolicy.DefaultYaml.Replace(Section, "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_policy_without_a_reviews_section_loads_with_the_defaults()
    {
        var policy = RiskPolicyLoader.Load(WithoutSection(), "old.yaml");
        Assert.Equal(new ReviewPolicy(TimeSpan.FromDays(30), TimeSpan.FromDays(14), TimeSpan.FromDays(30)), policy.Reviews);
        Assert.Equal(RiskPolicy.Default.Reviews, policy.Reviews);
        Assert.Empty(policy.Warnings);
    }

    [Fact]
    public void Keys_left_out_of_the_reviews_section_keep_their_defaults()
    {
        var policy = RiskPolicyLoader.Load(WithoutSection() + "\nreviews:\n  clearSuppression: 7d\n", "partial.yaml");
        Assert.Equal(new ReviewPolicy(TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(30)), policy.Reviews);
        Assert.NotEqual(RiskPolicy.Default, policy with { Version = RiskPolicy.Default.Version, Source = RiskPolicy.Default.Source });
    }

    [Fact]
    public void Invalid_review_durations_and_unknown_keys_are_reported_together()
    {
        var yaml = WithoutSection() + "\nreviews:\n  upholdHold: 30m\n  maxOverride: 400d\n  grace: 1d\n";
        var errors = Assert.Throws<PolicyValidationException>(() => RiskPolicyLoader.Load(yaml, "bad.yaml")).Errors;
        Assert.Equal(
        [
            "reviews.upholdHold: must be from 1h to 365d, was 30m",
            "reviews.maxOverride: must be from 1h to 365d, was 400d",
            "reviews.grace: unknown key; expected clearSuppression, upholdHold or maxOverride",
        ], errors.Select(e => $"{e.Field}: {e.Message}"));
    }
}
