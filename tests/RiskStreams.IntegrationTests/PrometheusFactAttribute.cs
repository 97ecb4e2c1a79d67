namespace RiskStreams.IntegrationTests;

/// <summary>A fact that needs Debian's <c>prometheus</c> package; skipped, saying so, when promtool or the server is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PrometheusFactAttribute : FactAttribute
{
    public PrometheusFactAttribute()
    {
        if (PrometheusTools.Promtool is null || PrometheusTools.Server is null)
        {
            Skip = PrometheusTools.Missing;
        }
    }
}
