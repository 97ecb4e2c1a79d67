using RiskStreams.Risk;

namespace RiskStreams.Topology;

/// <summary>Topics and policy of the risk pipeline.</summary>
public sealed record RiskTopologyOptions
{
    /// <summary>Transactions topic.</summary>
    public string TransactionsTopic { get; init; } = RiskTopics.Transactions;

    /// <summary>Logins topic.</summary>
    public string LoginsTopic { get; init; } = RiskTopics.Logins;

    /// <summary>Repayment-sync topic.</summary>
    public string RepaymentsTopic { get; init; } = RiskTopics.Repayments;

    /// <summary>Sync-status heartbeat topic.</summary>
    public string SyncStatusTopic { get; init; } = RiskTopics.SyncStatus;

    /// <summary>Output topic.</summary>
    public string LevelChangesTopic { get; init; } = RiskTopics.LevelChanges;

    /// <summary>Dead-letter topic.</summary>
    public string DeadLetterTopic { get; init; } = RiskTopics.DeadLetter;

    /// <summary>Policy that decides levels.</summary>
    public RiskPolicy Policy { get; init; } = RiskPolicy.Default;

    /// <summary>Clock for <c>decidedAt</c> (the only wall-clock field of a change).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>The four input topics.</summary>
    public IReadOnlyList<string> InputTopics => [TransactionsTopic, LoginsTopic, RepaymentsTopic, SyncStatusTopic];

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[]
                 {
                     (nameof(TransactionsTopic), TransactionsTopic), (nameof(LoginsTopic), LoginsTopic),
                     (nameof(RepaymentsTopic), RepaymentsTopic), (nameof(SyncStatusTopic), SyncStatusTopic),
                     (nameof(LevelChangesTopic), LevelChangesTopic), (nameof(DeadLetterTopic), DeadLetterTopic),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{name} must name a topic.", name);
            }
        }

        if (InputTopics.Distinct(StringComparer.Ordinal).Count() != 4)
        {
            throw new ArgumentException("The four input topics must be distinct.", nameof(TransactionsTopic));
        }
    }
}
