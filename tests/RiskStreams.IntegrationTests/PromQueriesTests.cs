namespace RiskStreams.IntegrationTests;

/// <summary>How the Prometheus test reads and rewrites the dashboard's and the alerts' expressions.</summary>
public sealed class PromQueriesTests
{
    [Fact]
    public void Comparisons_get_the_bool_modifier_and_label_matchers_and_strings_are_left_alone()
    {
        Assert.Equal(
            "sum(rate(x{level=\"SUSPENDED\",a!=\"b\",c=~\">1\"}[10m])) * 60 > bool 3 * y and z >= bool 5 and w != bool 0 and v == bool 0",
            PromQueries.WithoutThresholds(
                "sum(rate(x{level=\"SUSPENDED\",a!=\"b\",c=~\">1\"}[10m])) * 60 > 3 * y and z >= 5 and w != 0 and v == 0"));
    }

    [Fact]
    public void Every_dashboard_target_is_read_with_grafana_variables_substituted()
    {
        var targets = PromQueries.DashboardTargets(PrometheusTools.Dashboard);
        Assert.Equal(28, targets.Count);
        Assert.All(targets, t => Assert.DoesNotContain("$", t.Expr, StringComparison.Ordinal));
        Assert.Contains(targets, t => t.Expr == "sum by (stream) (rate(riskstreams_events_consumed_total{instance=~\".+\"}[15s]))");
    }
}
