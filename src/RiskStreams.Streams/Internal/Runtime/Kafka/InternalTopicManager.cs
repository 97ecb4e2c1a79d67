using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Microsoft.Extensions.Logging;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Startup against the cluster: reads topic metadata, plans partition counts (<see cref="TopicPlanner"/>), checks
/// existing internal topics (repartition and changelog) have the planned partition counts, creates the missing ones (through <see cref="StreamsOptions.InternalTopicCreator"/> or
/// the AdminClient, tolerating "already exists") and waits until the cluster metadata shows them. A cluster without a
/// working CreateTopics API (it times out or is unsupported, as on librdkafka's mock cluster behind <c>riskstreams
/// dev</c>) gets a warning and the topics are auto-created by metadata requests instead
/// (<see cref="AutoTopicCreation"/>); their partition counts are checked like any other, so a mismatch still stops the start.
/// </summary>
internal sealed class InternalTopicManager(IAdminClient admin, StreamsOptions options, ILogger logger)
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long CreateTopics may take before the cluster is taken to lack it (a real broker answers in well under a second).</summary>
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MetadataRetry = TimeSpan.FromMilliseconds(100);

    public async Task<TopicPlan> PrepareAsync(Topology topology, CancellationToken cancellationToken)
    {
        var counts = PartitionCounts();
        var plan = TopicPlanner.Plan(topology, options.ApplicationId, counts);
        var missing = new List<(string Topic, int Partitions)>();
        foreach (var (topic, partitions) in plan.InternalTopics.Concat(plan.ChangelogTopics))
        {
            if (!counts.TryGetValue(topic, out var existing))
            {
                missing.Add((topic, partitions));
            }
            else if (existing != partitions)
            {
                throw WrongCount(topic, existing, partitions);
            }
        }

        // The instance directory (StreamsOptions.ApplicationServer): any partition count will do, so only its absence matters.
        var directory = Discovery.InstanceDirectory.TopicOf(options.ApplicationId);
        if (options.ApplicationServer is not null && !counts.ContainsKey(directory))
        {
            missing.Add((directory, 1));
        }

        if (missing.Count == 0)
        {
            return plan;
        }

        if (options.InternalTopicCreator is { } create)
        {
            await create(missing).ConfigureAwait(false);
        }
        else
        {
            var changelogs = plan.ChangelogTopics.Select(t => t.Topic).Append(directory).ToHashSet(StringComparer.Ordinal);
            try
            {
                await CreateAsync(missing, changelogs).ConfigureAwait(false);
            }
            catch (KafkaException e) when (AutoTopicCreation.CreateTopicsUnavailable(e))
            {
                LifecycleLog.AutoCreateFallback(logger, options.ApplicationId, e.Error.Reason, string.Join(", ", missing.Select(t => $"{t.Topic} ({t.Partitions})")));
                await new AutoTopicCreation(options, logger).CreateAsync(missing.Select(t => t.Topic), cancellationToken).ConfigureAwait(false);
            }
        }

        RuntimeLog.InternalTopicsCreated(logger, options.ApplicationId, string.Join(", ", missing.Select(t => $"{t.Topic} ({t.Partitions})")));
        await WaitUntilVisibleAsync(missing, cancellationToken).ConfigureAwait(false);
        return plan;
    }

    private Dictionary<string, int> PartitionCounts()
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var topic in admin.GetMetadata(RequestTimeout).Topics)
        {
            if (!topic.Error.IsError && topic.Partitions.Count > 0)
            {
                counts[topic.Topic] = topic.Partitions.Count;
            }
        }

        return counts;
    }

    /// <summary>Repartition topics are deleted by retention; changelogs are compacted (the latest value per key is the store).</summary>
    private async Task CreateAsync(List<(string Topic, int Partitions)> topics, HashSet<string> changelogs)
    {
        var specifications = topics.Select(t => new TopicSpecification
        {
            Name = t.Topic,
            NumPartitions = t.Partitions,
            ReplicationFactor = -1,
            Configs = new Dictionary<string, string> { ["cleanup.policy"] = changelogs.Contains(t.Topic) ? "compact" : "delete" },
        });
        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = CreateTimeout, OperationTimeout = CreateTimeout })
                .ConfigureAwait(false);
        }
        catch (CreateTopicsException e) when (!e.Results.All(r => !r.Error.IsError || AutoTopicCreation.CreateTopicsUnavailable(r.Error.Code)))
        {
            var failed = e.Results.Where(r => r.Error.IsError && r.Error.Code != ErrorCode.TopicAlreadyExists).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Creating internal topics failed: {string.Join(", ", failed.Select(r => $"'{r.Topic}': {r.Error.Reason}"))}.", e);
            }
        }
    }

    private async Task WaitUntilVisibleAsync(List<(string Topic, int Partitions)> topics, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + RequestTimeout;
        while (true)
        {
            var counts = PartitionCounts();
            var pending = new List<string>();
            foreach (var (topic, partitions) in topics)
            {
                if (!counts.TryGetValue(topic, out var actual))
                {
                    pending.Add(topic);
                }
                else if (actual != partitions)
                {
                    throw WrongCount(topic, actual, partitions);
                }
            }

            if (pending.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException(
                    $"Internal topics {string.Join(", ", pending.Select(t => $"'{t}'"))} are not in the cluster metadata {RequestTimeout.TotalSeconds:0} s after being created.");
            }

            await Task.Delay(MetadataRetry, cancellationToken).ConfigureAwait(false);
        }
    }

    private static InvalidOperationException WrongCount(string topic, int actual, int expected) =>
        new($"Internal topic '{topic}' has {actual} partitions but the topology needs {expected}; delete it (reset the application) or restore the source topics' partition counts.");
}
