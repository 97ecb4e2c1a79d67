namespace RiskStreams.Service;

/// <summary>Schema Registry settings.</summary>
public sealed class RegistrySettings
{
    /// <summary>Registry URL(s), comma-separated.</summary>
    public string Url { get; set; } = "";

    /// <summary>Optional <c>user:password</c> for basic auth.</summary>
    public string? BasicAuthUserInfo { get; set; }
}
