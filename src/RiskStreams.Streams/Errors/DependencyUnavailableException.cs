namespace RiskStreams.Streams;

/// <summary>
/// A serde could not do its work because something it depends on is unavailable for now — a Schema Registry that
/// cannot be reached, times out or answers 5xx — not because the record is bad. Serdes throw it (or wrap their own
/// transient failure in it) so the engine can tell an outage from a poison record: a record whose deserialization
/// fails with it is not handed to the <see cref="IDeserializationExceptionHandler"/> nor dead-lettered; the task's
/// input partitions are paused and the same record is retried with exponential backoff (100 ms doubling to 30 s)
/// until it succeeds, and processing then resumes exactly where it stopped.
/// </summary>
public sealed class DependencyUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DependencyUnavailableException()
        : this("A dependency is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is unavailable and why.</param>
    public DependencyUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the dependency's own failure.</summary>
    /// <param name="message">What is unavailable and why.</param>
    /// <param name="innerException">The failure that revealed the outage.</param>
    public DependencyUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
