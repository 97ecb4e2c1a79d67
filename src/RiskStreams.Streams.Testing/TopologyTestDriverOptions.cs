using RiskStreams.Streams.Offline;

namespace RiskStreams.Streams.Testing;

/// <summary>Settings of a <see cref="TopologyTestDriver"/>.</summary>
public sealed record TopologyTestDriverOptions
{
    /// <summary>Application id (prefix of internal topics and changelogs).</summary>
    public string ApplicationId { get; init; } = "test-app";

    /// <summary>Initial mocked wall-clock time, epoch milliseconds.</summary>
    public long InitialWallClockTimeMs { get; init; }

    /// <summary>Record-cache bytes of each caching store (as <see cref="StreamsOptions.CacheMaxBytesBuffering"/>); default 0 = off.</summary>
    public long CacheMaxBytesBuffering { get; init; }

    /// <summary>
    /// Whether changes of change-logged stores are written to their <c>{ApplicationId}-{store}-changelog</c> topics,
    /// readable with <see cref="TopologyTestDriver.CreateOutputTopic{TKey, TValue}"/> (default true).
    /// </summary>
    public bool CaptureChangelogs { get; init; } = true;

    internal OfflineRunnerOptions ToRunnerOptions() => new()
    {
        ApplicationId = ApplicationId,
        InitialWallClockTimeMs = InitialWallClockTimeMs,
        CacheMaxBytesBuffering = CacheMaxBytesBuffering,
        CaptureChangelogs = CaptureChangelogs,
    };
}
