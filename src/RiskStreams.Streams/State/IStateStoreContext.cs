namespace RiskStreams.Streams.State;

/// <summary>What a store sees of the task that owns it.</summary>
public interface IStateStoreContext
{
    /// <summary>Application id.</summary>
    string ApplicationId { get; }

    /// <summary>The owning task.</summary>
    TaskId TaskId { get; }

    /// <summary>Stream time of the task (the largest timestamp processed), for retention.</summary>
    long StreamTime { get; }

    /// <summary>
    /// Directory of this task's persistent stores (<c>{StreamsOptions.StateDirectory}/{applicationId}/{taskId}</c>),
    /// each store in a sub-directory named after it; null where the runtime keeps no local state.
    /// </summary>
    string? StateDirectory { get; }

    /// <summary>
    /// Records a change of <paramref name="storeName"/> for its changelog (a no-op where no changelog
    /// is attached). Keys and values are the store's bytes; a null value is a deletion.
    /// </summary>
    void LogChange(string storeName, byte[] key, byte[]? value, long timestamp);

    /// <summary>
    /// False where <see cref="LogChange"/> is a no-op (no changelog attached), so a store may skip building
    /// changelog keys and values. Defaults to true.
    /// </summary>
    bool LogsChanges => true;
}
