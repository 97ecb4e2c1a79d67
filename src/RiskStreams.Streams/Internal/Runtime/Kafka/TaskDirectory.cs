namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// A task's local state directory, <c>{StateDirectory}/{applicationId}/{taskId}</c>, locked while a task owns it: an
/// exclusive lock on <c>.lock</c> inside (an advisory <c>flock</c> on Unix), so two instances on one machine sharing a
/// state directory never open the same task's persistent stores at once.
/// </summary>
internal sealed class TaskDirectory(string path) : IDisposable
{
    public const string LockFileName = ".lock";
    private FileStream? _lock;

    public string Path { get; } = path;

    public static string For(StreamsOptions options, TaskId id) => System.IO.Path.Combine(options.StateDirectory, options.ApplicationId, id.ToString());

    /// <summary>Creates the directory and takes its lock; false while another owner holds it.</summary>
    public bool TryLock()
    {
        if (_lock is not null)
        {
            return true;
        }

        Directory.CreateDirectory(Path);
        try
        {
            _lock = new FileStream(System.IO.Path.Combine(Path, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Deletes a persistent store's files, <c>{taskDir}/{storeName}</c>.</summary>
    public void Wipe(string storeName)
    {
        var store = System.IO.Path.Combine(Path, storeName);
        if (Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }
    }

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }
}
