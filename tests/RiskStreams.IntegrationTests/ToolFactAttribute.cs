namespace RiskStreams.IntegrationTests;

/// <summary>A fact that needs a third-party tool .ci/run installs; skipped, saying which and how to get it, where it is absent.</summary>
public sealed class ToolFactAttribute : FactAttribute
{
    /// <param name="tool">Which tool: <c>k8s-validator</c> (node + kubernetes-models) or <c>docker-compose</c>.</param>
    public ToolFactAttribute(string tool)
    {
        Skip = tool switch
        {
            "k8s-validator" when DeployTools.Node is null => "node is not installed (Debian package nodejs; .ci/run installs it)",
            "k8s-validator" when DeployTools.KubernetesModels is null =>
                $"kubernetes-models is not installed in {DeployTools.KubernetesModelsDefault} or $RISKSTREAMS_K8S_MODULES (.ci/run installs it with npm)",
            "docker-compose" when DeployTools.DockerCompose is null => "docker-compose is not installed (Debian package docker-compose; .ci/run installs it)",
            _ => null,
        };
    }
}
