using Confluent.Kafka;
using RiskStreams.Streams.Internal.State;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>Restoration of one store from one changelog partition: the offsets to read, progress and the pending batch.</summary>
internal sealed class ChangelogPartitionRestore(string storeName, IRestorableStore store, TopicPartition partition, long start, long end)
{
    public string StoreName { get; } = storeName;

    public IRestorableStore Store { get; } = store;

    public TopicPartition Partition { get; } = partition;

    /// <summary>First offset to read.</summary>
    public long Start { get; } = start;

    /// <summary>The end offset (exclusive) when restoration started; records from then on are not this task's past.</summary>
    public long End { get; } = end;

    /// <summary>The next offset to read.</summary>
    public long Next { get; set; } = start;

    /// <summary>Records applied.</summary>
    public long Restored { get; set; }

    /// <summary>Records skipped because processing that will be replayed made them.</summary>
    public long Skipped { get; set; }

    /// <summary>Records read and not applied yet, in offset order.</summary>
    public List<ChangelogRecord> Batch { get; } = [];

    /// <summary>Offset of the last record in <see cref="Batch"/>.</summary>
    public long BatchEndOffset { get; set; } = -1;

    public long StartedAt { get; set; }

    public bool Done { get; set; }

    /// <summary>What <see cref="StreamsMetrics.RestoreRemainingRecords"/> holds for this partition now.</summary>
    public long ReportedRemaining { get; set; }

    /// <summary>Offsets not read yet.</summary>
    public long Remaining => Math.Max(0, End - Next);
}
