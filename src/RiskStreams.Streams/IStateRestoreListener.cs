namespace RiskStreams.Streams;

/// <summary>
/// Told how restoring task stores from their changelogs progresses (Kafka Streams' <c>StateRestoreListener</c>), per
/// store and changelog partition. Called on the stream thread that restores: keep it quick and thread-safe.
/// </summary>
public interface IStateRestoreListener
{
    /// <summary>Restoration of one store partition starts.</summary>
    /// <param name="storeName">The store.</param>
    /// <param name="changelogTopic">Its changelog topic.</param>
    /// <param name="partition">The changelog partition (the task's partition).</param>
    /// <param name="startOffset">The first offset read (0, or the checkpointed offset of a persistent store).</param>
    /// <param name="endOffset">The end offset at start (exclusive); restoration stops there.</param>
    void OnRestoreStart(string storeName, string changelogTopic, int partition, long startOffset, long endOffset);

    /// <summary>A batch of changelog records was applied.</summary>
    /// <param name="storeName">The store.</param>
    /// <param name="changelogTopic">Its changelog topic.</param>
    /// <param name="partition">The changelog partition.</param>
    /// <param name="batchEndOffset">Offset of the last record of the batch.</param>
    /// <param name="restoredRecords">Records applied in this batch (records made by processing that will be replayed are skipped, not counted).</param>
    void OnBatchRestored(string storeName, string changelogTopic, int partition, long batchEndOffset, long restoredRecords);

    /// <summary>Restoration of one store partition is complete.</summary>
    /// <param name="storeName">The store.</param>
    /// <param name="changelogTopic">Its changelog topic.</param>
    /// <param name="partition">The changelog partition.</param>
    /// <param name="totalRestored">Records applied in all.</param>
    void OnRestoreEnd(string storeName, string changelogTopic, int partition, long totalRestored);
}
