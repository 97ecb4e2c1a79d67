using System.Net;

namespace RiskStreams.Avro;

/// <summary>
/// The serdes could not reach a working Schema Registry: no URL answered in time (connection refused, timeout) or the
/// registry answered 5xx, 408 or 429. The record itself may be fine; the same call can succeed once the registry is
/// back, so a stream processor should pause and retry rather than dead-letter the record (see
/// <see cref="AvroSerdeException"/> for records that can never be read).
/// </summary>
public sealed class SchemaRegistryUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaRegistryUnavailableException()
        : this("The Schema Registry is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public SchemaRegistryUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the registry client's failure.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The transport failure or error response.</param>
    public SchemaRegistryUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True for a failure of the registry client that says nothing about the record: the registry was unreachable or
    /// timed out (<see cref="HttpRequestException"/>), or answered 5xx, 408 Request Timeout or 429 Too Many Requests.
    /// </summary>
    /// <param name="error">A failure of a <see cref="SchemaRegistryClient"/> call.</param>
    public static bool IsTransient(Exception error) => error switch
    {
        HttpRequestException => true,
        SchemaRegistryException { StatusCode: var status } =>
            (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests,
        _ => false,
    };
}
