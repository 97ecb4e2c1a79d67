using Confluent.Kafka;
using Confluent.Kafka.Admin;
using RiskStreams.Streams.Reset.Internal;

namespace RiskStreams.Streams.Reset;

/// <summary>
/// Resets an application so that its next start processes its input from the beginning, as Kafka Streams'
/// <c>kafka-streams-application-reset</c> tool does: it refuses while an instance runs, commits the group's offsets
/// of the input topics at the earliest offset (or at a time), clears the internal topics
/// (<c>{applicationId}-*-repartition</c>, <c>{applicationId}-*-changelog</c>) and deletes the local state directory.
/// Output topics are left as they are.
/// </summary>
/// <remarks>
/// Running instances are detected with DescribeGroups; where the cluster lacks it (librdkafka's mock cluster), the
/// reset joins the group on the input topics and refuses unless it is assigned every input partition. Offsets are
/// committed as that sole member. See <see cref="InternalTopicAction"/> for how internal topics are cleared on clusters
/// without DeleteTopics or DeleteRecords.
/// </remarks>
public static class ApplicationReset
{
    /// <summary>Name suffix of repartition topics.</summary>
    public const string RepartitionSuffix = "-repartition";

    /// <summary>Name suffix of changelog topics.</summary>
    public const string ChangelogSuffix = "-changelog";

    /// <summary>Resets the application (or plans it, with <see cref="ApplicationResetOptions.DryRun"/>).</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="ApplicationResetException">An instance is running, or the cluster cannot do a step.</exception>
    /// <exception cref="KafkaException">The cluster did not answer in time or refused a request.</exception>
    public static async Task<ApplicationResetResult> RunAsync(ApplicationResetOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        using var admin = ResetClients.Admin(options);
        var partitionCounts = await Task.Run(() => PartitionCounts(admin, options.RequestTimeout), cancellationToken).ConfigureAwait(false);
        var inputs = options.InputTopics.Distinct(StringComparer.Ordinal).ToList();
        var existingInputs = inputs.Where(partitionCounts.ContainsKey).ToList();
        var internals = (options.InternalTopics ?? Discover(options.ApplicationId, partitionCounts.Keys)).Distinct(StringComparer.Ordinal).ToList();
        var existingInternals = internals.Where(partitionCounts.ContainsKey).Order(StringComparer.Ordinal).ToList();
        var inputPartitions = Partitions(existingInputs, partitionCounts);
        var internalPartitions = Partitions(existingInternals, partitionCounts);

        var described = await GroupGuard.DescribeAsync(admin, options).ConfigureAwait(false);
        if (!described && inputPartitions.Count == 0)
        {
            throw new ApplicationResetException(
                $"Cannot tell whether instances of '{options.ApplicationId}' are running: the cluster cannot describe consumer groups " +
                "and none of the input topics exists to join the group on.");
        }

        var before = await CommittedAsync(admin, options, inputPartitions).ConfigureAwait(false);
        var targets = await TargetsAsync(admin, options, inputPartitions).ConfigureAwait(false);
        var watermarks = await WatermarksAsync(admin, options, internalPartitions).ConfigureAwait(false);
        var offsets = inputPartitions.Select(p => new OffsetReset(p.Topic, p.Partition.Value, before.GetValueOrDefault(p), targets[p])).ToList();
        var stateDirectory = Path.Combine(options.StateDirectory, options.ApplicationId);
        var stateFiles = Directory.Exists(stateDirectory) ? Directory.EnumerateFiles(stateDirectory, "*", SearchOption.AllDirectories).Count() : (int?)null;

        var action = InternalTopicAction.Deleted;
        if (!options.DryRun || !described)
        {
            // A dry run joins only where that is the only way to see running instances.
            using var member = await SoleGroupMember.JoinAsync(options, inputPartitions, cancellationToken).ConfigureAwait(false);
            try
            {
                if (!options.DryRun)
                {
                    if (existingInternals.Count > 0)
                    {
                        action = await InternalTopicCleaner.ClearAsync(admin, existingInternals, internalPartitions, options.RequestTimeout).ConfigureAwait(false);
                    }

                    var commits = offsets.Select(o => new TopicPartitionOffset(o.Topic, o.Partition, o.After)).ToList();
                    if (action == InternalTopicAction.SkippedToEnd)
                    {
                        commits.AddRange(internalPartitions.Select(p => new TopicPartitionOffset(p, watermarks[p].High)));
                    }

                    await member.CommitAsync(commits).ConfigureAwait(false);
                }
            }
            finally
            {
                await member.LeaveAsync().ConfigureAwait(false);
            }
        }

        if (!options.DryRun && stateFiles is not null)
        {
            Directory.Delete(stateDirectory, recursive: true);
        }

        return new ApplicationResetResult
        {
            ApplicationId = options.ApplicationId,
            DryRun = options.DryRun,
            GroupCheck = described ? "described the consumer group: no active members" : "joined the consumer group alone: no active members",
            InputOffsets = offsets,
            MissingInputTopics = inputs.Except(existingInputs).ToList(),
            InternalTopics = existingInternals
                .Select(t => new InternalTopicReset(t, partitionCounts[t], internalPartitions.Where(p => p.Topic == t).Sum(p => watermarks[p].High - watermarks[p].Low), action))
                .ToList(),
            MissingInternalTopics = internals.Except(existingInternals).ToList(),
            StateDirectory = stateDirectory,
            StateFiles = stateFiles,
        };
    }

    private static IEnumerable<string> Discover(string applicationId, IEnumerable<string> topics) =>
        topics.Where(t => t.StartsWith(applicationId + "-", StringComparison.Ordinal)
            && (t.EndsWith(RepartitionSuffix, StringComparison.Ordinal) || t.EndsWith(ChangelogSuffix, StringComparison.Ordinal)));

    private static Dictionary<string, int> PartitionCounts(IAdminClient admin, TimeSpan timeout) =>
        admin.GetMetadata(timeout).Topics
            .Where(t => !t.Error.IsError && t.Partitions.Count > 0)
            .ToDictionary(t => t.Topic, t => t.Partitions.Count, StringComparer.Ordinal);

    private static List<TopicPartition> Partitions(IEnumerable<string> topics, Dictionary<string, int> counts) =>
        topics.SelectMany(t => Enumerable.Range(0, counts[t]).Select(p => new TopicPartition(t, p))).ToList();

    private static async Task<Dictionary<TopicPartition, long?>> CommittedAsync(IAdminClient admin, ApplicationResetOptions options, List<TopicPartition> partitions)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var results = await admin.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions(options.ApplicationId, partitions)],
            new ListConsumerGroupOffsetsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
        return results.Single().Partitions.ToDictionary(p => p.TopicPartition, p => p.Offset.IsSpecial ? (long?)null : p.Offset.Value);
    }

    /// <summary>The earliest offset of each partition, or with a time the first offset at or after it (the end when there is none).</summary>
    private static async Task<Dictionary<TopicPartition, long>> TargetsAsync(IAdminClient admin, ApplicationResetOptions options, List<TopicPartition> partitions)
    {
        var spec = options.ToDateTime is { } time ? OffsetSpec.ForTimestamp(time.ToUnixTimeMilliseconds()) : OffsetSpec.Earliest();
        var found = await ListOffsetsAsync(admin, options, partitions, spec).ConfigureAwait(false);
        var missing = found.Where(f => f.Value < 0).Select(f => f.Key).ToList();
        if (missing.Count > 0)
        {
            var ends = await ListOffsetsAsync(admin, options, missing, OffsetSpec.Latest()).ConfigureAwait(false);
            foreach (var (partition, end) in ends)
            {
                found[partition] = end;
            }
        }

        return found;
    }

    private static async Task<Dictionary<TopicPartition, (long Low, long High)>> WatermarksAsync(IAdminClient admin, ApplicationResetOptions options, List<TopicPartition> partitions)
    {
        var low = await ListOffsetsAsync(admin, options, partitions, OffsetSpec.Earliest()).ConfigureAwait(false);
        var high = await ListOffsetsAsync(admin, options, partitions, OffsetSpec.Latest()).ConfigureAwait(false);
        return partitions.ToDictionary(p => p, p => (low[p], high[p]));
    }

    private static async Task<Dictionary<TopicPartition, long>> ListOffsetsAsync(IAdminClient admin, ApplicationResetOptions options, List<TopicPartition> partitions, OffsetSpec spec)
    {
        if (partitions.Count == 0)
        {
            return [];
        }

        var result = await admin.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = options.RequestTimeout }).ConfigureAwait(false);
        return result.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }
}
