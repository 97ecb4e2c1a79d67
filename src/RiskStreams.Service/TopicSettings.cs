using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>Topic names of the risk pipeline; an empty value keeps the default (README "Topics").</summary>
public sealed class TopicSettings
{
    /// <summary>Credit transactions.</summary>
    public string Transactions { get; set; } = "";

    /// <summary>Account logins.</summary>
    public string Logins { get; set; } = "";

    /// <summary>Repayment syncs.</summary>
    public string Repayments { get; set; } = "";

    /// <summary>Per-source sync-status heartbeats.</summary>
    public string SyncStatus { get; set; } = "";

    /// <summary>Review decisions (appeals and manual reviews).</summary>
    public string Reviews { get; set; } = "";

    /// <summary>Output: risk level changes.</summary>
    public string LevelChanges { get; set; } = "";

    /// <summary>Dead letters.</summary>
    public string DeadLetter { get; set; } = "";

    /// <summary>The topology options with these names applied over the defaults.</summary>
    public RiskTopologyOptions Apply(RiskTopologyOptions options) => options with
    {
        TransactionsTopic = Or(Transactions, options.TransactionsTopic),
        LoginsTopic = Or(Logins, options.LoginsTopic),
        RepaymentsTopic = Or(Repayments, options.RepaymentsTopic),
        SyncStatusTopic = Or(SyncStatus, options.SyncStatusTopic),
        ReviewsTopic = Or(Reviews, options.ReviewsTopic),
        LevelChangesTopic = Or(LevelChanges, options.LevelChangesTopic),
        DeadLetterTopic = Or(DeadLetter, options.DeadLetterTopic),
    };

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;
}
