namespace RiskStreams.Streams.Reset;

/// <summary>What <see cref="ApplicationReset"/> did, or in a dry run would do.</summary>
public sealed record ApplicationResetResult
{
    /// <summary>The application reset.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>True when nothing was changed.</summary>
    public required bool DryRun { get; init; }

    /// <summary>How the absence of running instances was established.</summary>
    public required string GroupCheck { get; init; }

    /// <summary>Committed offsets of the input topics' partitions, before and after.</summary>
    public required IReadOnlyList<OffsetReset> InputOffsets { get; init; }

    /// <summary>Input topics that are not in the cluster (skipped).</summary>
    public required IReadOnlyList<string> MissingInputTopics { get; init; }

    /// <summary>Internal topics cleared.</summary>
    public required IReadOnlyList<InternalTopicReset> InternalTopics { get; init; }

    /// <summary>Explicitly named internal topics that are not in the cluster (skipped).</summary>
    public required IReadOnlyList<string> MissingInternalTopics { get; init; }

    /// <summary>The application's local state directory, <c>{StateDirectory}/{ApplicationId}</c>.</summary>
    public required string StateDirectory { get; init; }

    /// <summary>Files under <see cref="StateDirectory"/> (deleted unless a dry run); null when it did not exist.</summary>
    public required int? StateFiles { get; init; }
}
