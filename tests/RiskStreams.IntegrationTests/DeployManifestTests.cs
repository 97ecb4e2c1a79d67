using RiskStreams.Service;
using RiskStreams.Service.Commands.Topics;
using YamlDotNet.RepresentationModel;

namespace RiskStreams.IntegrationTests;

/// <summary>deploy/k8s and docker-compose.yml checked by real tools, and the Strimzi topics against <c>riskstreams topics</c>.</summary>
public sealed class DeployManifestTests
{
    [ToolFact("k8s-validator")]
    public async Task K8s_manifests_pass_the_kubernetes_and_prometheus_operator_schemas_and_their_cross_references()
    {
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(DeployTools.Node!, "deploy/k8s/validate.mjs", RepositoryFiles.Root,
            new Dictionary<string, string> { ["RISKSTREAMS_K8S_MODULES"] = DeployTools.KubernetesModels! });

        Assert.True(exit == 0, $"validate.mjs exited {exit}: {stderr}{stdout}");
        Assert.Contains("validate: 36 resources in 7 files, 0 errors", stdout, StringComparison.Ordinal);
    }

    [ToolFact("docker-compose")]
    public async Task Compose_file_is_valid_for_docker_compose()
    {
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(DeployTools.DockerCompose!, "-f docker-compose.yml config --services", RepositoryFiles.Root);

        Assert.True(exit == 0, $"docker-compose config exited {exit}: {stderr}");
        Assert.Equal(
            ["changes", "generator", "grafana", "kafka", "prometheus", "riskstreams", "schema-registry", "topics"],
            stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Strimzi_topics_are_every_topic_topics_create_makes_with_the_same_partitions_and_configs()
    {
        var required = TopicCatalog.For(new ServiceSettings(), new TopicProvisioningSettings());
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(RepositoryFiles.Root, "deploy", "k8s", "kafka-topics.yaml")))
        {
            yaml.Load(reader);
        }

        var manifests = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode).Select(root =>
        {
            var spec = (YamlMappingNode)root["spec"];
            var config = ((YamlMappingNode)spec["config"]).Children.ToDictionary(c => c.Key.ToString(), c => c.Value.ToString(), StringComparer.Ordinal);
            return (Name: spec["topicName"].ToString(), Partitions: int.Parse(spec["partitions"].ToString(), System.Globalization.CultureInfo.InvariantCulture),
                Replicas: short.Parse(spec["replicas"].ToString(), System.Globalization.CultureInfo.InvariantCulture), Config: config);
        }).ToList();

        Assert.Equal(required.Select(t => t.Name), manifests.Select(m => m.Name));
        foreach (var (topic, manifest) in required.Zip(manifests))
        {
            Assert.Equal((topic.Partitions, topic.ReplicationFactor), (manifest.Partitions, manifest.Replicas));
            Assert.Equal(topic.Configs.OrderBy(c => c.Key, StringComparer.Ordinal), manifest.Config.OrderBy(c => c.Key, StringComparer.Ordinal));
        }
    }
}
