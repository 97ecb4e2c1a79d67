using RiskStreams.Streams.Internal.Graph;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// Derives partition counts as Kafka Streams does: user source topics keep theirs; a repartition topic gets the
/// largest count among the source topics of the sub-topologies writing to it; and the source topics of one
/// sub-topology must be co-partitioned (equal counts), repartition topics taking the count of the user topics beside
/// them. A task reads one partition number of all its sub-topology's sources, which is why the counts must agree.
/// </summary>
internal static class TopicPlanner
{
    /// <param name="topology">The topology.</param>
    /// <param name="applicationId">Prefix of internal topic names.</param>
    /// <param name="partitionCounts">Partition counts of the topics that exist, by real name.</param>
    /// <exception cref="InvalidOperationException">A source topic is missing or co-partitioned topics disagree.</exception>
    public static TopicPlan Plan(Topology topology, string applicationId, IReadOnlyDictionary<string, int> partitionCounts)
    {
        var subtopologies = topology.Subtopologies;
        var repartition = topology.RepartitionTopics;
        ThrowIfMissing(subtopologies, repartition, partitionCounts);

        var writers = new Dictionary<string, List<Subtopology>>(StringComparer.Ordinal);
        foreach (var sub in subtopologies)
        {
            foreach (var sink in sub.SinkTopics.Where(repartition.Contains))
            {
                if (!writers.TryGetValue(sink, out var list))
                {
                    writers[sink] = list = [];
                }

                list.Add(sub);
            }
        }

        // A sub-topology reading user topics takes their count at once; one reading only repartition topics is planned after
        // every writer of them. So repartition topics may form a cycle through a sub-topology that reads user topics (records
        // re-keyed out of it and joined back into it), never one made of repartition topics alone.
        var partitionsOf = new Dictionary<int, int>();
        var plans = new SubtopologyPlan?[subtopologies.Count];
        for (var progress = true; progress && partitionsOf.Count < subtopologies.Count;)
        {
            progress = false;
            foreach (var sub in subtopologies)
            {
                if (partitionsOf.ContainsKey(sub.Id) || (!ReadsUserTopics(sub, repartition) && !WritersPlanned(sub, repartition, writers, partitionsOf)))
                {
                    continue;
                }

                var partitions = Partitions(sub, repartition, writers, partitionsOf, partitionCounts);
                partitionsOf[sub.Id] = partitions;
                plans[sub.Id] = new SubtopologyPlan(sub, [.. sub.SourceTopics.Select(t => topology.ResolveTopic(applicationId, t))], partitions)
                {
                    ChangelogTopics = sub.Stores.Where(s => s.LoggingEnabled).ToDictionary(s => s.Name, s => ChangelogTopic(applicationId, s.Name), StringComparer.Ordinal),
                };
                progress = true;
            }
        }

        if (partitionsOf.Count < subtopologies.Count)
        {
            var stuck = subtopologies.Where(s => !partitionsOf.ContainsKey(s.Id)).Select(s => s.Id);
            throw new InvalidOperationException(
                $"Sub-topologies {string.Join(", ", stuck)} read only repartition topics written in a cycle; their partition counts cannot be derived.");
        }

        var internalTopics = new List<(string, int)>();
        foreach (var topic in repartition.Order(StringComparer.Ordinal))
        {
            // A repartition topic is read by exactly one source; it takes that sub-topology's count.
            var reader = subtopologies.FirstOrDefault(s => s.SourceTopics.Contains(topic));
            var partitions = reader is not null
                ? partitionsOf[reader.Id]
                : writers.GetValueOrDefault(topic, []).Select(w => partitionsOf[w.Id]).DefaultIfEmpty(1).Max();
            internalTopics.Add((topology.ResolveTopic(applicationId, topic), partitions));
        }

        var changelogTopics = plans.SelectMany(p => p!.ChangelogTopics.Values.Select(t => (t, p.Partitions))).OrderBy(t => t.t, StringComparer.Ordinal).ToList();
        return new TopicPlan([.. plans.Select(p => p!)], internalTopics, changelogTopics);
    }

    /// <summary>The changelog topic of a logged store: <c>{applicationId}-{store}-changelog</c>.</summary>
    public static string ChangelogTopic(string applicationId, string storeName) => $"{applicationId}-{storeName}-changelog";

    private static void ThrowIfMissing(IReadOnlyList<Subtopology> subtopologies, IReadOnlySet<string> repartition, IReadOnlyDictionary<string, int> partitionCounts)
    {
        var missing = subtopologies
            .SelectMany(s => s.SourceTopics.Where(t => !repartition.Contains(t) && !partitionCounts.ContainsKey(t)).Select(t => $"'{t}' (sub-topology {s.Id})"))
            .ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"Source topics do not exist: {string.Join(", ", missing)}. Create them before starting the application.");
        }
    }

    private static bool ReadsUserTopics(Subtopology sub, IReadOnlySet<string> repartition) => sub.SourceTopics.Any(t => !repartition.Contains(t));

    private static bool WritersPlanned(Subtopology sub, IReadOnlySet<string> repartition, Dictionary<string, List<Subtopology>> writers, Dictionary<int, int> partitionsOf) =>
        sub.SourceTopics.Where(repartition.Contains).All(t => writers.GetValueOrDefault(t, []).All(w => w.Id != sub.Id && partitionsOf.ContainsKey(w.Id)));

    private static int Partitions(
        Subtopology sub, IReadOnlySet<string> repartition, Dictionary<string, List<Subtopology>> writers, Dictionary<int, int> partitionsOf, IReadOnlyDictionary<string, int> partitionCounts)
    {
        var userTopics = sub.SourceTopics.Where(t => !repartition.Contains(t)).ToList();
        if (userTopics.Count == 0)
        {
            return sub.SourceTopics.SelectMany(t => writers.GetValueOrDefault(t, [])).Select(w => partitionsOf[w.Id]).DefaultIfEmpty(1).Max();
        }

        var first = partitionCounts[userTopics[0]];
        if (userTopics.Any(t => partitionCounts[t] != first))
        {
            throw new InvalidOperationException(
                $"Sub-topology {sub.Id} reads topics that must be co-partitioned (the same number of partitions) but are not: " +
                $"{string.Join(", ", userTopics.Select(t => $"'{t}' ({partitionCounts[t]} partitions)"))}.");
        }

        return first;
    }
}
