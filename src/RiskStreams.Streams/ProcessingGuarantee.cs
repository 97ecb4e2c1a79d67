namespace RiskStreams.Streams;

/// <summary>What a <see cref="KafkaStreams"/> instance guarantees about its output after a failure (Kafka Streams' <c>processing.guarantee</c>).</summary>
public enum ProcessingGuarantee
{
    /// <summary>
    /// Offsets are committed only after the output of the records before them is acknowledged, so nothing is lost;
    /// after a crash the records since the last commit are processed again and their output may appear twice.
    /// </summary>
    AtLeastOnce,

    /// <summary>
    /// Kafka's <c>exactly_once_v2</c>: each stream thread has one transactional producer; output records, changelog
    /// records and the consumed offsets of a commit interval become visible together when its transaction commits, or
    /// not at all. Input and changelogs are read with <c>isolation.level=read_committed</c>. Requires brokers 2.5 or later.
    /// </summary>
    ExactlyOnceV2,
}
