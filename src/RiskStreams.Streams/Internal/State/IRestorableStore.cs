namespace RiskStreams.Streams.Internal.State;

/// <summary>
/// A store layer that can be rebuilt from its changelog: every layer (typed, caching, change-logging) passes the
/// batch down, and the bytes store at the bottom applies it without logging it again.
/// </summary>
internal interface IRestorableStore
{
    /// <summary>Applies changelog records in order: keys and values exactly as logged, a null value deletes.</summary>
    void Restore(IReadOnlyList<ChangelogRecord> batch);
}
