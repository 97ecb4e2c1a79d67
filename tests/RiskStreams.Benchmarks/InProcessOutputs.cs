using RiskStreams.Streams;
using RiskStreams.Streams.Testing;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks;

/// <summary>
/// Drains what an in-process risk run wrote — level changes and changelog records — counting them and keeping the size of each
/// account's latest state (the last value in the account-state changelog), so memory stays flat over a long run.
/// </summary>
internal sealed class InProcessOutputs(TopologyTestDriver driver, string levelChangesTopic)
{
    private static readonly Serde<byte[]> Bytes = Serdes.ByteArray;
    private readonly Dictionary<string, int> _stateBytes = new(StringComparer.Ordinal);

    public long Outputs { get; private set; }

    public long ChangelogRecords { get; private set; }

    public long RepartitionRecords { get; private set; }

    /// <summary>Records written to each internal (changelog, repartition) topic so far.</summary>
    public Dictionary<string, long> RecordsByTopic { get; } = new(StringComparer.Ordinal);

    public void Collect()
    {
        foreach (var topic in driver.ProducedTopicNames.ToList())
        {
            if (topic == levelChangesTopic)
            {
                Outputs += driver.CreateOutputTopic(topic, Bytes, Bytes).ReadRecordsToList().Count;
            }
            else if (topic.EndsWith("-repartition", StringComparison.Ordinal))
            {
                // Read back by the driver already; drained here so the run's memory stays flat.
                var count = driver.CreateOutputTopic(topic, Bytes, Bytes).ReadRecordsToList().Count;
                RepartitionRecords += count;
                RecordsByTopic[topic] = RecordsByTopic.GetValueOrDefault(topic) + count;
            }
            else if (topic.EndsWith("-changelog", StringComparison.Ordinal))
            {
                var records = driver.CreateOutputTopic(topic, Serdes.String, Bytes).ReadRecordsToList();
                ChangelogRecords += records.Count;
                RecordsByTopic[topic] = RecordsByTopic.GetValueOrDefault(topic) + records.Count;
                if (topic.EndsWith($"-{RiskStoreNames.AccountState}-changelog", StringComparison.Ordinal))
                {
                    foreach (var record in records)
                    {
                        _stateBytes[record.Key] = record.Value?.Length ?? 0;
                    }
                }
            }
        }
    }

    /// <summary>Median serialized state size of the accounts <paramref name="include"/> selects; null when none.</summary>
    public double? MedianStateBytes(Func<string, bool> include)
    {
        var sizes = _stateBytes.Where(e => include(e.Key)).Select(e => e.Value).Order().ToArray();
        return sizes.Length == 0 ? null : sizes[sizes.Length / 2];
    }
}
