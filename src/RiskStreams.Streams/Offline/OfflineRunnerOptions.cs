namespace RiskStreams.Streams.Offline;

/// <summary>Settings of a <see cref="OfflineTopologyRunner"/>.</summary>
public sealed record OfflineRunnerOptions
{
    /// <summary>Application id (prefix of internal topics and changelogs).</summary>
    public string ApplicationId { get; init; } = "offline-app";

    /// <summary>Initial mocked wall-clock time, epoch milliseconds.</summary>
    public long InitialWallClockTimeMs { get; init; }

    /// <summary>Record-cache bytes of each caching store (as <see cref="StreamsOptions.CacheMaxBytesBuffering"/>); default 0 = off.</summary>
    public long CacheMaxBytesBuffering { get; init; }

    /// <summary>
    /// Whether changes of change-logged stores are written to their <c>{ApplicationId}-{store}-changelog</c> topics,
    /// readable with <see cref="OfflineTopologyRunner.CreateOutputTopic{TKey, TValue}"/> (default true). Long offline runs
    /// that never read them (a backtest) turn this off so the changelog records are not kept.
    /// </summary>
    public bool CaptureChangelogs { get; init; } = true;
}
