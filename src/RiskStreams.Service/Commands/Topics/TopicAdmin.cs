using Confluent.Kafka;
using Confluent.Kafka.Admin;
using RiskStreams.Streams;

namespace RiskStreams.Service.Commands.Topics;

/// <summary>
/// The cluster side of <c>riskstreams topics</c>: metadata (partitions, replicas), DescribeConfigs and CreateTopics
/// through the AdminClient. A cluster that does not answer CreateTopics or DescribeConfigs in time (librdkafka's mock
/// cluster behind <c>riskstreams dev</c>) gets its topics auto-created by metadata requests and its configs reported
/// as not verified.
/// </summary>
internal sealed class TopicAdmin : IDisposable
{
    private readonly Dictionary<string, string> _config;
    private readonly IAdminClient _admin;
    private readonly TimeSpan _timeout;

    public TopicAdmin(string bootstrapServers, IReadOnlyDictionary<string, string> properties, TimeSpan timeout)
    {
        Librdkafka.EnsureLoaded();
        _config = new Dictionary<string, string>(properties, StringComparer.Ordinal) { ["bootstrap.servers"] = bootstrapServers };
        // librdkafka's connection logs would bury the one line the command prints when the cluster is unreachable.
        _admin = new AdminClientBuilder(new AdminClientConfig(_config)).SetLogHandler((_, _) => { }).Build();
        _timeout = timeout;
    }

    /// <summary>Partitions and replication factor of the <paramref name="names"/> that exist; configs are added by <see cref="DescribeConfigsAsync"/>.</summary>
    public Dictionary<string, ObservedTopic> Describe(IEnumerable<string> names)
    {
        var wanted = names.ToHashSet(StringComparer.Ordinal);
        return _admin.GetMetadata(_timeout).Topics
            .Where(t => wanted.Contains(t.Topic) && !t.Error.IsError && t.Partitions.Count > 0)
            .ToDictionary(t => t.Topic, t => new ObservedTopic(t.Partitions.Count, t.Partitions[0].Replicas.Length, null), StringComparer.Ordinal);
    }

    /// <summary>The configs of each topic, or null when the cluster does not answer DescribeConfigs.</summary>
    public async Task<Dictionary<string, IReadOnlyDictionary<string, string>>?> DescribeConfigsAsync(IReadOnlyCollection<string> topics)
    {
        if (topics.Count == 0)
        {
            return [];
        }

        try
        {
            var results = await _admin.DescribeConfigsAsync(
                topics.Select(t => new ConfigResource { Type = ResourceType.Topic, Name = t }),
                new DescribeConfigsOptions { RequestTimeout = _timeout });
            return results.ToDictionary(
                r => r.ConfigResource.Name,
                r => (IReadOnlyDictionary<string, string>)r.Entries.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal),
                StringComparer.Ordinal);
        }
        catch (KafkaException e) when (Unavailable(e.Error.Code))
        {
            return null;
        }
    }

    /// <summary>Creates <paramref name="topics"/>; true when the AdminClient did it, false when they were auto-created (configs not applied).</summary>
    public async Task<bool> CreateAsync(IReadOnlyList<TopicRequirement> topics, CancellationToken cancellationToken)
    {
        var specifications = topics.Select(t => new TopicSpecification
        {
            Name = t.Name,
            NumPartitions = t.Partitions,
            ReplicationFactor = t.ReplicationFactor,
            Configs = t.Configs.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal),
        });
        try
        {
            await _admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = _timeout, OperationTimeout = _timeout });
            return true;
        }
        catch (CreateTopicsException e) when (e.Results.All(r => !r.Error.IsError || r.Error.Code == ErrorCode.TopicAlreadyExists))
        {
            return true;
        }
        catch (CreateTopicsException e) when (!e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).All(r => Unavailable(r.Error.Code)))
        {
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists);
            throw new InvalidOperationException($"Creating topics failed: {string.Join("; ", failed.Select(r => $"{r.Topic}: {r.Error.Reason}"))}", e);
        }
        catch (KafkaException e) when (Unavailable(e.Error.Code) || e is CreateTopicsException)
        {
            await AutoCreateAsync(topics.Select(t => t.Name), cancellationToken);
            return false;
        }
    }

    /// <summary>Waits until the cluster metadata lists every topic.</summary>
    public async Task WaitUntilVisibleAsync(IReadOnlyCollection<string> topics, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + (3 * _timeout);
        while (Describe(topics).Count < topics.Count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"Created topics are not in the cluster metadata after {3 * _timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public void Dispose() => _admin.Dispose();

    private static bool Unavailable(ErrorCode code) => code is ErrorCode.Local_TimedOut or ErrorCode.RequestTimedOut
        or ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion or ErrorCode.InvalidRequest;

    /// <summary>A producer's metadata request for a topic makes a broker with auto-creation create it with its defaults.</summary>
    private async Task AutoCreateAsync(IEnumerable<string> topics, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig(_config) { ClientId = "riskstreams-topics" }).SetLogHandler((_, _) => { }).Build();
        using var metadata = new DependentAdminClientBuilder(producer.Handle).Build();
        var deadline = DateTime.UtcNow + (3 * _timeout);
        foreach (var topic in topics)
        {
            while (metadata.GetMetadata(topic, _timeout).Topics.SingleOrDefault(t => t.Topic == topic) is not { Error.IsError: false, Partitions.Count: > 0 })
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"Topic {topic} could not be created: the cluster answers no CreateTopics and did not auto-create it (auto.create.topics.enable?).");
                }

                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
