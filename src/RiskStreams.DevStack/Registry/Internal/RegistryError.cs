namespace RiskStreams.DevStack.Internal;

/// <summary>An error answer of the embedded registry: HTTP status, registry <c>error_code</c> and message.</summary>
internal sealed class RegistryError : Exception
{
    internal RegistryError(int httpStatus, int errorCode, string message)
        : base(message)
    {
        HttpStatus = httpStatus;
        ErrorCode = errorCode;
    }

    internal int HttpStatus { get; }

    internal int ErrorCode { get; }

    internal static RegistryError SubjectNotFound(string subject) => new(404, 40401, $"Subject '{subject}' not found.");

    internal static RegistryError VersionNotFound(string subject, string version) =>
        new(404, 40402, $"Version {version} not found for subject '{subject}'.");

    internal static RegistryError SchemaNotFound(int id) => new(404, 40403, $"Schema {id} not found");

    internal static RegistryError SchemaNotFoundUnderSubject() => new(404, 40403, "Schema not found");

    internal static RegistryError SubjectLevelNotConfigured(string subject) =>
        new(404, 40408, $"Subject '{subject}' does not have subject-level compatibility configured");

    internal static RegistryError InvalidSchema(string detail) => new(422, 42201, $"Invalid schema: {detail}");

    internal static RegistryError InvalidVersion(string version) =>
        new(422, 42202, $"The specified version '{version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");

    internal static RegistryError InvalidCompatibilityLevel(string? level) =>
        new(422, 42203, $"Invalid compatibility level '{level}'. Valid values are NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE.");

    internal static RegistryError Incompatible(string detail) =>
        new(409, 409, $"Schema being registered is incompatible with an earlier schema for subject: {detail}");
}
