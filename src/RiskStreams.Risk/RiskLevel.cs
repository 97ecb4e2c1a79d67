namespace RiskStreams.Risk;

/// <summary>Risk level of an account, ordered from least to most restrictive.</summary>
public enum RiskLevel
{
    /// <summary>No restriction.</summary>
    Normal = 0,

    /// <summary>Watched: step-up authentication may be asked, credit stays available.</summary>
    Watch = 1,

    /// <summary>Credit restricted (reduced limit) pending review.</summary>
    Restricted = 2,

    /// <summary>Credit suspended.</summary>
    Suspended = 3,
}
