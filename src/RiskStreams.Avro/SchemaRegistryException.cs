using System.Net;

namespace RiskStreams.Avro;

/// <summary>
/// The Schema Registry answered with an error. <see cref="ErrorCode"/> is the registry's own code
/// from the JSON body, e.g. 40401 subject not found, 40403 schema not found, 409 incompatible
/// schema, 42201 invalid schema.
/// </summary>
public sealed class SchemaRegistryException : Exception
{
    /// <summary>Error code the registry uses for an unknown subject.</summary>
    public const int SubjectNotFound = 40401;

    /// <summary>Error code the registry uses for an unknown version of a subject.</summary>
    public const int VersionNotFound = 40402;

    /// <summary>Error code the registry uses for an unknown schema id.</summary>
    public const int SchemaNotFound = 40403;

    /// <summary>Error code the registry uses for a schema incompatible with earlier versions.</summary>
    public const int IncompatibleSchema = 409;

    /// <summary>Error code the registry uses for a schema that does not parse.</summary>
    public const int InvalidSchema = 42201;

    /// <summary>Creates an exception without registry details.</summary>
    public SchemaRegistryException()
        : this("The Schema Registry request failed.")
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public SchemaRegistryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SchemaRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an error response.</summary>
    /// <param name="statusCode">HTTP status of the response.</param>
    /// <param name="errorCode">The registry's <c>error_code</c>, or the HTTP status when the body has none.</param>
    /// <param name="registryMessage">The registry's <c>message</c>, or the raw body.</param>
    /// <param name="request">Method and path of the request, for the message.</param>
    public SchemaRegistryException(HttpStatusCode statusCode, int errorCode, string registryMessage, string request)
        : base($"Schema Registry {request} failed with HTTP {(int)statusCode} {statusCode}, error_code {errorCode}: {registryMessage}")
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        RegistryMessage = registryMessage;
    }

    /// <summary>HTTP status of the response (0 when the exception was not raised for a response).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The registry's <c>error_code</c> (0 when the exception was not raised for a response).</summary>
    public int ErrorCode { get; }

    /// <summary>The registry's <c>message</c>.</summary>
    public string RegistryMessage { get; } = string.Empty;
}
