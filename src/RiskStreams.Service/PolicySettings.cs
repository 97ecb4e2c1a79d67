namespace RiskStreams.Service;

/// <summary>Policy settings: a YAML file (reloaded when it changes) and/or a compacted topic whose latest record wins.</summary>
public sealed class PolicySettings
{
    /// <summary>Policy file; the built-in default when empty.</summary>
    public string? File { get; set; }

    /// <summary>Topic carrying policy YAML (e.g. <c>risk.policy</c>); not followed when empty.</summary>
    public string? Topic { get; set; }
}
