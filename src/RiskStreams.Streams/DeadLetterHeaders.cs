namespace RiskStreams.Streams;

/// <summary>Header names on dead-letter records. Values are UTF-8 strings.</summary>
public static class DeadLetterHeaders
{
    /// <summary>Topic the record was read from (absent for broker refusals of output records).</summary>
    public const string SourceTopic = "dlq.source.topic";

    /// <summary>Partition the record was read from.</summary>
    public const string SourcePartition = "dlq.source.partition";

    /// <summary>Offset of the record.</summary>
    public const string SourceOffset = "dlq.source.offset";

    /// <summary>Where the record failed: <c>deserialization</c>, <c>processing</c> or <c>production</c>.</summary>
    public const string Stage = "dlq.error.stage";

    /// <summary>For production failures: the output topic the record was meant for.</summary>
    public const string OutputTopic = "dlq.output.topic";

    /// <summary>Full name of the exception type.</summary>
    public const string ErrorClass = "dlq.error.class";

    /// <summary>Exception message (the reason).</summary>
    public const string ErrorMessage = "dlq.error.message";

    /// <summary>
    /// Present when the dead letter carries no value because key, value and headers would exceed
    /// <see cref="StreamsOptions.MaxChangelogRecordBytes"/> (the producer's limit): the length of the value left out,
    /// which stays readable at the source position.
    /// </summary>
    public const string ValueDroppedBytes = "dlq.value.dropped.bytes";

    /// <summary>Record timestamp, epoch milliseconds (absent for broker refusals of output records).</summary>
    public const string Timestamp = "dlq.timestamp";
}
