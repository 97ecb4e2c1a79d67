namespace RiskStreams.IntegrationTests;

/// <summary>deploy/prometheus/alerts.yml is valid for Prometheus and its unit tests (alerts.test.yml, each alert firing and not) pass.</summary>
public sealed class AlertRulesTests
{
    [PrometheusFact]
    public async Task Alert_rules_pass_promtool_check()
    {
        var (exitCode, output) = await PrometheusTools.RunAsync(PrometheusTools.Promtool!, "check", "rules", PrometheusTools.AlertRules);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS: 6 rules found", output, StringComparison.Ordinal);
    }

    [PrometheusFact]
    public async Task Alert_rule_unit_tests_pass_promtool_test()
    {
        var (exitCode, output) = await PrometheusTools.RunAsync(PrometheusTools.Promtool!, "test", "rules", PrometheusTools.AlertTests);
        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_unit_test()
    {
        var tested = File.ReadAllText(PrometheusTools.AlertTests);
        Assert.All(PromQueries.Alerts(PrometheusTools.AlertRules), alert => Assert.Contains($"alertname: {alert.Name}\n", tested, StringComparison.Ordinal));
    }
}
