using RiskStreams.Streams.Reset;

namespace RiskStreams.Service.Commands;

/// <summary>Prints an <see cref="ApplicationResetResult"/>: one line per action, with counts.</summary>
internal static class ResetReport
{
    public static void Write(ApplicationResetResult result, TextWriter output)
    {
        var verb = result.DryRun ? "would " : "";
        var prefix = result.DryRun ? "riskstreams reset (dry run)" : "riskstreams reset";
        output.WriteLine($"{prefix}: {result.ApplicationId}: {result.GroupCheck}");
        foreach (var topic in result.InputOffsets.GroupBy(o => o.Topic))
        {
            var partitions = string.Join(", ", topic.Select(o => $"{o.Partition}: {(o.Before is { } b ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : "none")} -> {o.After}"));
            output.WriteLine($"{prefix}: {verb}reset offsets of {topic.Key}: {topic.Count()} partitions ({partitions})");
        }

        foreach (var missing in result.MissingInputTopics)
        {
            output.WriteLine($"{prefix}: input topic {missing} is not in the cluster, skipped");
        }

        foreach (var topic in result.InternalTopics)
        {
            var action = result.DryRun ? "would delete" : topic.Action switch
            {
                InternalTopicAction.Deleted => "deleted",
                InternalTopicAction.Truncated => "truncated (the cluster cannot delete topics; DeleteRecords up to the high watermark)",
                _ => "skipped to its end (the cluster can delete neither topics nor records; the group's offsets now point past its records)",
            };
            output.WriteLine($"{prefix}: {action} internal topic {topic.Topic}: {topic.Partitions} partitions, {topic.Records} records");
        }

        foreach (var missing in result.MissingInternalTopics)
        {
            output.WriteLine($"{prefix}: internal topic {missing} is not in the cluster, skipped");
        }

        output.WriteLine(result.StateFiles is { } files
            ? $"{prefix}: {verb}delete state directory {result.StateDirectory}: {files} files"
            : $"{prefix}: state directory {result.StateDirectory} does not exist");
        output.WriteLine($"{prefix}: {(result.DryRun ? "nothing changed" : "done")}: {result.InputOffsets.Select(o => o.Topic).Distinct().Count()} input topics, {result.InputOffsets.Count} partitions, {result.InternalTopics.Count} internal topics");
    }
}
