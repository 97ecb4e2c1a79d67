namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A store context that gives caching store layers their budget (the runtime's task context does, from
/// <see cref="StreamsOptions.CacheMaxBytesBuffering"/>); a context without it, or a budget of zero, turns caching off.
/// </summary>
internal interface ICachingContext
{
    /// <summary>Bytes each caching store of the task may hold in its record cache; zero turns caching off.</summary>
    long CacheMaxBytes { get; }
}
