namespace RiskStreams.Streams;

/// <summary>
/// Under <see cref="ProcessingGuarantee.ExactlyOnceV2"/>, a stream thread found it is a zombie: its transactional
/// producer was fenced by a newer one with the same transactional id (<c>PRODUCER_FENCED</c>,
/// <c>INVALID_PRODUCER_EPOCH</c>), it may no longer use that id (transactional id authorization), or the consumer group
/// moved on without it so its offsets may not be committed. Its tasks now belong to someone else: the thread aborts
/// what it can, closes its tasks without a checkpoint and leaves the group, and the instance starts a new thread in its
/// place that rejoins (<see cref="KafkaStreams.ReplacedThreads"/>), as Kafka Streams does. Only a transactional id the
/// broker refuses to authorize, or a fencing while the instance is closing, stops the instance in
/// <see cref="StreamsState.Error"/> with this exception in <see cref="KafkaStreams.Error"/>.
/// </summary>
public sealed class TaskMigratedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskMigratedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TaskMigratedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the Kafka error that revealed the fencing.</summary>
    public TaskMigratedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
