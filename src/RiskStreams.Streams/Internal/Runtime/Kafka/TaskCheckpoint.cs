using System.Globalization;
using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// What a task's persistent stores held when it closed cleanly: per store the next changelog offset, and the task's
/// input position then. Written on clean close only and deleted when the task starts processing, so a task directory
/// with no checkpoint may hold changes made after the last commit (a crash) and is restored from scratch.
/// File <c>{taskDir}/.checkpoint</c>, UTF-8 lines of tab-separated fields:
/// <c>riskstreams-checkpoint 1</c>, then <c>store {name} {nextOffset}</c> and <c>position {topic} {partition} {offset}</c> lines.
/// </summary>
internal sealed record TaskCheckpoint(IReadOnlyDictionary<string, long> StoreOffsets, IReadOnlyDictionary<TopicPartition, long> Position)
{
    public const string FileName = ".checkpoint";
    private const string Magic = "riskstreams-checkpoint";
    private const string Version = "1";

    /// <summary>The checkpoint of <paramref name="taskDirectory"/>, or null if there is none or it cannot be read.</summary>
    public static TaskCheckpoint? Read(string taskDirectory)
    {
        var path = Path.Combine(taskDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0] != $"{Magic}\t{Version}")
        {
            return null;
        }

        var stores = new Dictionary<string, long>(StringComparer.Ordinal);
        var position = new Dictionary<TopicPartition, long>();
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split('\t');
            if (fields is ["store", var name, var offset] && long.TryParse(offset, NumberStyles.None, CultureInfo.InvariantCulture, out var next))
            {
                stores[name] = next;
            }
            else if (fields is ["position", var topic, var partition, var at]
                && int.TryParse(partition, NumberStyles.None, CultureInfo.InvariantCulture, out var p)
                && long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var o))
            {
                position[new TopicPartition(topic, p)] = o;
            }
            else if (line.Length > 0)
            {
                return null;
            }
        }

        return new TaskCheckpoint(stores, position);
    }

    public static void Delete(string taskDirectory) => File.Delete(Path.Combine(taskDirectory, FileName));

    /// <summary>Writes the file atomically (a temporary file moved over the old one).</summary>
    public void Write(string taskDirectory)
    {
        var lines = new List<string> { $"{Magic}\t{Version}" };
        lines.AddRange(StoreOffsets.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"store\t{s.Key}\t{s.Value}")));
        lines.AddRange(Position.OrderBy(p => p.Key.Topic, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"position\t{p.Key.Topic}\t{p.Key.Partition.Value}\t{p.Value}")));
        var path = Path.Combine(taskDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// True when the stores' state is not ahead of <paramref name="committed"/>: no input partition was processed
    /// beyond its committed offset (a later owner may have processed further; restoring the changelog tail from the
    /// checkpointed offsets catches up with that).
    /// </summary>
    public bool NotAheadOf(IReadOnlyDictionary<TopicPartition, long> committed) =>
        Position.All(p => committed.TryGetValue(p.Key, out var offset) && p.Value <= offset);
}
