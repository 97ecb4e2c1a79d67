using RiskStreams.Streams.Internal.Discovery;

namespace RiskStreams.Streams;

/// <remarks>
/// Instance discovery for interactive queries: with <see cref="StreamsOptions.ApplicationServer"/> set, every instance
/// publishes its server and tasks to the compacted topic <c>{ApplicationId}-instances</c> and reads everyone's back,
/// so any instance can tell which one hosts the task of a key (<see cref="QueryMetadataForKey{TKey}"/>).
/// </remarks>
public sealed partial class KafkaStreams
{
    private InstanceDirectory? _directory;

    /// <summary>This instance's <see cref="StreamsOptions.ApplicationServer"/>, or null.</summary>
    public string? ApplicationServer => _options.ApplicationServer;

    /// <summary>
    /// Where the entry of <paramref name="key"/> in <paramref name="storeName"/> lives now: the key's partition (its
    /// serialized bytes hashed with murmur2, as the engine's producers and Java clients partition), and whether this
    /// instance hosts that task (and is still restoring it), another instance does (its <c>host:port</c>, known when
    /// every instance sets <see cref="StreamsOptions.ApplicationServer"/>), or none is known. Cheap; reads no store.
    /// </summary>
    /// <param name="storeName">A store of the topology.</param>
    /// <param name="key">The key.</param>
    /// <param name="keySerde">The serde the key is written to the store's source topic with.</param>
    /// <exception cref="ArgumentException">The topology has no store named <paramref name="storeName"/>.</exception>
    public KeyQueryMetadata QueryMetadataForKey<TKey>(string storeName, TKey key, Serde<TKey> keySerde)
    {
        ArgumentNullException.ThrowIfNull(keySerde);
        var subtopology = SubtopologyOf(storeName);
        Internal.Runtime.Kafka.TopicPlan? plan;
        lock (_stateLock)
        {
            plan = _plan;
        }

        var sub = plan?.Subtopologies.FirstOrDefault(s => s.Id == subtopology);
        if (sub is null)
        {
            return new KeyQueryMetadata(KeyQueryStatus.Unknown, null, null, Restoring: false);
        }

        var bytes = keySerde.Serialize(sub.AnchorTopic, key) ?? throw new ArgumentException("A null key has no partition.", nameof(key));
        var task = new TaskId(subtopology, Murmur2.Partition(bytes, sub.Partitions));
        if (LocalThreads.Any(t => t.ActiveTasks.Contains(task)))
        {
            var running = _registry.Find(task) is { Running: true };
            return new KeyQueryMetadata(KeyQueryStatus.Local, task.Partition, _options.ApplicationServer, Restoring: !running);
        }

        return _directory?.OwnerOf(task) is { } owner
            ? new KeyQueryMetadata(KeyQueryStatus.Remote, task.Partition, owner, Restoring: false)
            : new KeyQueryMetadata(KeyQueryStatus.Unknown, task.Partition, null, Restoring: false);
    }

    /// <summary>Starts publishing and reading the instance directory when <see cref="StreamsOptions.ApplicationServer"/> is set.</summary>
    private InstanceDirectory? StartDirectory()
    {
        if (_options.ApplicationServer is null)
        {
            return null;
        }

        var directory = new InstanceDirectory(_options, _processId.ToString("N"),
            () => [.. LocalThreads.SelectMany(t => t.ActiveTasks)], _logger);
        lock (_stateLock)
        {
            _directory = directory;
        }

        directory.Start();
        return directory;
    }
}
