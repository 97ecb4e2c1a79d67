namespace RiskStreams.IntegrationTests;

/// <summary>Where the deploy validators are (installed by .ci/run).</summary>
internal static class DeployTools
{
    public const string KubernetesModelsDefault = "/opt/riskstreams-tools/k8s/node_modules";

    public static string? Node { get; } = ExternalTool.Find("/usr/bin/node", "/usr/local/bin/node");

    public static string? DockerCompose { get; } = ExternalTool.Find("/usr/bin/docker-compose", "/usr/local/bin/docker-compose");

    /// <summary>The node_modules folder holding kubernetes-models, @kubernetes-models/prometheus-operator and yaml.</summary>
    public static string? KubernetesModels { get; } =
        new[] { Environment.GetEnvironmentVariable("RISKSTREAMS_K8S_MODULES"), KubernetesModelsDefault }
            .FirstOrDefault(d => d is { Length: > 0 } && Directory.Exists(Path.Combine(d, "kubernetes-models")));
}
