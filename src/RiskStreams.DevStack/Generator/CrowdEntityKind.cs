namespace RiskStreams.DevStack;

/// <summary>What a scenario across accounts shares: the entity the topology aggregates it by.</summary>
public enum CrowdEntityKind
{
    /// <summary>A login device (<c>Login.deviceId</c>).</summary>
    Device,

    /// <summary>A login network address (<c>Login.ipAddress</c>).</summary>
    IpAddress,

    /// <summary>A merchant (<c>Transaction.merchantId</c>).</summary>
    Merchant,
}
