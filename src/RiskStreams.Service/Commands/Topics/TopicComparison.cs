namespace RiskStreams.Service.Commands.Topics;

/// <summary>Compares required topics with what the cluster has: one line per mismatch.</summary>
internal static class TopicComparison
{
    public static IReadOnlyList<string> Mismatches(IReadOnlyList<TopicRequirement> required, IReadOnlyDictionary<string, ObservedTopic> observed)
    {
        var lines = new List<string>();
        foreach (var topic in required)
        {
            if (!observed.TryGetValue(topic.Name, out var actual))
            {
                lines.Add($"{topic.Name}: missing ({topic.Role}, needs {topic.Partitions} partitions)");
                continue;
            }

            if (actual.Partitions != topic.Partitions)
            {
                lines.Add($"{topic.Name}: has {actual.Partitions} partitions, needs {topic.Partitions} ({topic.Role})");
            }

            if (topic.ReplicationFactor > 0 && actual.ReplicationFactor != topic.ReplicationFactor)
            {
                lines.Add($"{topic.Name}: replication factor is {actual.ReplicationFactor}, needs {topic.ReplicationFactor}");
            }

            if (actual.Configs is null)
            {
                continue;
            }

            foreach (var (key, value) in topic.Configs)
            {
                var found = actual.Configs.GetValueOrDefault(key);
                if (found != value)
                {
                    lines.Add($"{topic.Name}: {key} is {found ?? "unset"}, needs {value} ({topic.Role})");
                }
            }
        }

        return lines;
    }
}
