namespace RiskStreams.Avro;

/// <summary>
/// A record that can never be (de)serialized, however often it is retried: a poison pill for
/// dead-letter handling. Transient failures (registry unreachable, timing out or answering 5xx) are not
/// reported with this type but as <see cref="SchemaRegistryUnavailableException"/>.
/// </summary>
public sealed class AvroSerdeException : Exception
{
    /// <summary>Creates an exception without a reason (<see cref="AvroSerdeErrorReason.MalformedPayload"/>).</summary>
    public AvroSerdeException()
        : this(AvroSerdeErrorReason.MalformedPayload, "The record could not be (de)serialized.")
    {
    }

    /// <summary>Creates an exception with a message (<see cref="AvroSerdeErrorReason.MalformedPayload"/>).</summary>
    /// <param name="message">What went wrong.</param>
    public AvroSerdeException(string message)
        : this(AvroSerdeErrorReason.MalformedPayload, message)
    {
    }

    /// <summary>Creates an exception with a message and cause (<see cref="AvroSerdeErrorReason.MalformedPayload"/>).</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AvroSerdeException(string message, Exception innerException)
        : this(AvroSerdeErrorReason.MalformedPayload, message, schemaId: null, innerException)
    {
    }

    /// <summary>Creates an exception.</summary>
    /// <param name="reason">Why the record failed.</param>
    /// <param name="message">What went wrong, for people.</param>
    /// <param name="schemaId">The schema id from the wire-format header, when known.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AvroSerdeException(AvroSerdeErrorReason reason, string message, int? schemaId = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        SchemaId = schemaId;
    }

    /// <summary>Why the record failed.</summary>
    public AvroSerdeErrorReason Reason { get; }

    /// <summary>The schema id from the wire-format header, when it could be read.</summary>
    public int? SchemaId { get; }
}
