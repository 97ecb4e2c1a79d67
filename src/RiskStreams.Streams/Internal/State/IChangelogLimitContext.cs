namespace RiskStreams.Streams.Internal.State;

/// <summary>A store context that limits the size of changelog records (the runtime's task context does).</summary>
internal interface IChangelogLimitContext
{
    /// <summary>Largest changelog record, in bytes; zero or less: no limit.</summary>
    int MaxChangelogRecordBytes { get; }
}
