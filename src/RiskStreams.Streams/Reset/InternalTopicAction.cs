namespace RiskStreams.Streams.Reset;

/// <summary>How an internal topic was cleared.</summary>
public enum InternalTopicAction
{
    /// <summary>The topic was deleted (DeleteTopics); the application creates it again at start.</summary>
    Deleted,

    /// <summary>The cluster cannot delete topics: every record up to the high watermark was deleted (DeleteRecords).</summary>
    Truncated,

    /// <summary>
    /// The cluster can neither delete topics nor records (e.g. librdkafka's mock cluster): the group's offsets on the
    /// topic were committed at its end, so the application never reads its old records again — a repartition topic is
    /// consumed from there, and a changelog is restored from there (restoration starts at the group's committed offset
    /// of a changelog partition when there is one).
    /// </summary>
    SkippedToEnd,
}
