using Confluent.Kafka;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Risk;
using RiskStreams.Service;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>Hot reload of the policy from the compacted policy topic and from a file.</summary>
public sealed class PolicyReloadTests(StackFixture stack) : IClassFixture<StackFixture>
{
    [Fact]
    public async Task Latest_valid_policy_on_the_topic_is_put_in_force_and_an_invalid_record_is_skipped()
    {
        var topic = $"risk.policy-{Guid.NewGuid():N}";
        stack.Cluster.CreateTopic(topic, 1);
        var holder = new RiskPolicyHolder(RiskPolicy.Default);
        using var listener = new PolicyTopicListener(stack.Cluster.BootstrapServers, topic, holder, NullLogger.Instance);
        using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = stack.Cluster.BootstrapServers }).Build())
        {
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "policy", Value = Versioned("topic-1") });
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "policy", Value = "version: broken\nlevels: {}" });
            await producer.ProduceAsync(topic, new Message<string, string> { Key = "policy", Value = Versioned("topic-2") });
        }

        await Wait.UntilAsync(() => holder.Current.Version == "topic-2", "the latest policy to be in force");
    }

    [Fact]
    public async Task Policy_file_is_reloaded_when_it_changes_and_an_invalid_edit_keeps_the_policy_in_force()
    {
        var path = Path.Combine(Path.GetTempPath(), $"policy-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(path, Versioned("file-1"));
        try
        {
            var holder = new RiskPolicyHolder(RiskPolicyLoader.LoadFile(path));
            using var watcher = new PolicyFileWatcher(path, holder, NullLogger.Instance);
            await File.WriteAllTextAsync(path, "version: \"file-bad\"\nrules: {}\n");
            watcher.Reload();
            Assert.Equal("file-1", holder.Current.Version);

            await File.WriteAllTextAsync(path, Versioned("file-2"));
            await Wait.UntilAsync(() => holder.Current.Version == "file-2", "the edited file to be reloaded");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string Versioned(string version) =>
        RiskPolicy.DefaultYaml.Replace(RiskPolicy.Default.Version, version, StringComparison.Ordinal);
}
