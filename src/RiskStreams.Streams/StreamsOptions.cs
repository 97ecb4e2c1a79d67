namespace RiskStreams.Streams;

/// <summary>Settings of a stream-processing application. Validated at start with errors naming the field.</summary>
public sealed record StreamsOptions
{
    /// <summary>Consumer group id and prefix of internal topics and stores.</summary>
    public string ApplicationId { get; init; } = "";

    /// <summary>Kafka bootstrap servers, <c>host:port[,host:port]</c>.</summary>
    public string BootstrapServers { get; init; } = "";

    /// <summary>
    /// How often processed offsets are committed (after the producer is flushed); under
    /// <see cref="ProcessingGuarantee.ExactlyOnceV2"/> also how long a transaction stays open, so how late output
    /// becomes visible to read_committed consumers.
    /// </summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// <see cref="ProcessingGuarantee.AtLeastOnce"/> (the default) or <see cref="ProcessingGuarantee.ExactlyOnceV2"/>:
    /// one transactional producer per stream thread (transactional id <c>{ApplicationId}-{processId}-{thread}</c>),
    /// offsets committed inside its transactions, input and changelogs read with <c>read_committed</c>.
    /// </summary>
    public ProcessingGuarantee ProcessingGuarantee { get; init; } = ProcessingGuarantee.AtLeastOnce;

    /// <summary>
    /// Topic that receives the records an exception handler answered <see cref="ExceptionHandlerResponse.Continue"/> for,
    /// unchanged, with the error and source position in headers (<see cref="DeadLetterHeaders"/>); null: such records
    /// are only logged and counted.
    /// </summary>
    public string? DeadLetterTopic { get; init; }

    /// <summary>Decides about input records that fail to deserialize. Default <see cref="LogAndFailExceptionHandler"/>.</summary>
    public IDeserializationExceptionHandler DeserializationExceptionHandler { get; init; } = LogAndFailExceptionHandler.Instance;

    /// <summary>Decides about input records whose processing throws. Default <see cref="LogAndFailExceptionHandler"/>.</summary>
    public IProcessingExceptionHandler ProcessingExceptionHandler { get; init; } = LogAndFailExceptionHandler.Instance;

    /// <summary>Decides about output records that fail to serialize or that the broker refuses. Default <see cref="LogAndFailExceptionHandler"/>.</summary>
    public IProductionExceptionHandler ProductionExceptionHandler { get; init; } = LogAndFailExceptionHandler.Instance;

    /// <summary>
    /// Longest <see cref="KafkaStreams.CloseAsync"/> takes. A stream thread waits at most half of it for its output to be
    /// acknowledged before its final commit; output still undelivered then (all brokers down) is abandoned with the
    /// commit: its tasks close without commit or checkpoint, the next owner replays them from the last commit. Whatever
    /// is still closing when the whole timeout has passed (a client waiting for a broker) is abandoned too and logged,
    /// and the close completes (<see cref="KafkaStreams.CloseTimedOut"/>). Default 30 s.
    /// </summary>
    public TimeSpan CloseTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest a single poll blocks; also bounds how late a stop request is seen.</summary>
    public TimeSpan PollTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Extra librdkafka properties applied to consumer and producer (e.g. security settings).</summary>
    public IReadOnlyDictionary<string, string> ClientProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Static group membership (Kafka's <c>group.instance.id</c>): a stable id of this instance, unique in the group
    /// (e.g. the pod name of a StatefulSet). Each stream thread's consumer joins as <c>{GroupInstanceId}-{thread}</c>.
    /// A static member does not leave the group when it closes; restarted within <c>session.timeout.ms</c> with the
    /// same id it gets its partitions back at once, with no rebalance. Null (the default) is dynamic membership: the
    /// consumer leaves the group on close and the group rebalances.
    /// </summary>
    public string? GroupInstanceId { get; init; }

    /// <summary>Stream threads of a <see cref="KafkaStreams"/> instance, each with its own consumer, producer and tasks. Default 1.</summary>
    public int NumStreamThreads { get; init; } = 1;

    /// <summary>
    /// How long a task waits, when one of its input partitions is caught up but empty, before it processes the
    /// buffered records of its other partitions (Kafka's <c>max.task.idle.ms</c>). A partition whose data has not been
    /// fetched yet is always waited for. Default zero.
    /// </summary>
    public TimeSpan MaxTaskIdle { get; init; } = TimeSpan.Zero;

    /// <summary>
    /// How far ahead, in record time, a task may run of the other tasks of its sub-topology on the same stream thread that
    /// have records buffered (null, the default: no bound; each task takes up to a batch per loop). A stream thread otherwise
    /// works through one task's batch after another, so in a backlog the tasks of a sub-topology are apart by a batch's worth of
    /// record time, and whatever they write to a repartition topic arrives there that much out of order. With a bound, each
    /// loop lets a task go only up to the earliest buffered record among its sibling tasks plus the bound, so downstream
    /// tasks see their input out of order by about the bound at most (within one thread; threads and instances are not
    /// coordinated). Not Kafka Streams semantics: an addition for topologies whose downstream windows or join graces are
    /// shorter than a batch of record time.
    /// </summary>
    public TimeSpan? MaxTaskTimeSkew { get; init; }

    /// <summary>
    /// Creates internal topics, given their full names and partition counts, instead of the AdminClient
    /// <c>CreateTopics</c> call; for clusters without that API, such as the embedded mock cluster. It must tolerate
    /// topics that already exist. Internal topics are repartition topics (<c>{ApplicationId}-{name}-repartition</c>,
    /// cleanup policy delete) and store changelogs (<c>{ApplicationId}-{store}-changelog</c>, which should be
    /// compacted where the cluster supports it; the AdminClient path does that). Null (the default) uses the AdminClient.
    /// </summary>
    public Func<IReadOnlyList<(string Topic, int Partitions)>, Task>? InternalTopicCreator { get; init; }

    /// <summary>
    /// Root of local state: persistent (RocksDB) stores and their checkpoint files live in
    /// <c>{StateDirectory}/{ApplicationId}/{taskId}</c>. Default <c>{temp}/riskstreams-state</c>.
    /// </summary>
    public string StateDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "riskstreams-state");

    /// <summary>Told when task stores start, progress and finish restoring from their changelogs; optional.</summary>
    public IStateRestoreListener? RestoreListener { get; init; }

    /// <summary>
    /// Bytes of record cache each caching store of a task may hold (stores built with caching enabled, e.g.
    /// <c>Materialized.WithCachingEnabled()</c>): repeated updates of a key are coalesced there and reach the changelog
    /// and the store below once per commit (or when evicted). Downstream records are not affected. Default 0 = off.
    /// </summary>
    public long CacheMaxBytesBuffering { get; init; }

    /// <summary>
    /// Largest changelog record a logged state store may write (serialized key and value plus about 512 bytes of
    /// headers and framing). A write over it is refused before it changes the cache, the store or the changelog, with a
    /// <see cref="StateRecordTooLargeException"/> naming the store and key that goes to the
    /// <see cref="ProcessingExceptionHandler"/> for the input record — instead of a changelog record the broker refuses
    /// after the store has changed. Default 1,000,000: the producer's <c>message.max.bytes</c>, within the broker's
    /// default limit; raise both together. Zero turns the check off.
    /// </summary>
    public int MaxChangelogRecordBytes { get; init; } = 1_000_000;

    /// <summary>
    /// This instance's endpoint for interactive queries, <c>host:port</c> (Kafka's <c>application.server</c>). When set,
    /// the instance publishes it with its tasks to the compacted topic <c>{ApplicationId}-instances</c> (created with
    /// the internal topics) and reads the other instances' back, so <see cref="KafkaStreams.QueryMetadataForKey{TKey}"/>
    /// can name the instance that hosts a key. Null (the default): no directory; keys hosted elsewhere are unknown.
    /// </summary>
    public string? ApplicationServer { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid field.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApplicationId))
        {
            throw new ArgumentException($"{nameof(ApplicationId)} is required.", nameof(ApplicationId));
        }

        if (string.IsNullOrWhiteSpace(BootstrapServers))
        {
            throw new ArgumentException($"{nameof(BootstrapServers)} is required (host:port).", nameof(BootstrapServers));
        }

        if (DeserializationExceptionHandler is null || ProcessingExceptionHandler is null || ProductionExceptionHandler is null)
        {
            var field = DeserializationExceptionHandler is null ? nameof(DeserializationExceptionHandler)
                : ProcessingExceptionHandler is null ? nameof(ProcessingExceptionHandler) : nameof(ProductionExceptionHandler);
            throw new ArgumentException($"{field} is required.", field);
        }

        if (!Enum.IsDefined(ProcessingGuarantee))
        {
            throw new ArgumentException(
                $"{nameof(ProcessingGuarantee)} must be {nameof(ProcessingGuarantee.AtLeastOnce)} or {nameof(ProcessingGuarantee.ExactlyOnceV2)}, was {(int)ProcessingGuarantee}.",
                nameof(ProcessingGuarantee));
        }

        if (ClientProperties is null)
        {
            throw new ArgumentException($"{nameof(ClientProperties)} is required (may be empty).", nameof(ClientProperties));
        }

        if (ClientProperties.ContainsKey("transactional.id"))
        {
            throw new ArgumentException(
                $"{nameof(ClientProperties)} may not set transactional.id: the engine gives each stream thread its own under {nameof(ProcessingGuarantee)}.{nameof(ProcessingGuarantee.ExactlyOnceV2)}.",
                nameof(ClientProperties));
        }

        if (ClientProperties.ContainsKey("group.instance.id"))
        {
            throw new ArgumentException(
                $"{nameof(ClientProperties)} may not set group.instance.id: set {nameof(GroupInstanceId)}, which gives each stream thread its own.",
                nameof(ClientProperties));
        }

        if (GroupInstanceId is not null && string.IsNullOrWhiteSpace(GroupInstanceId))
        {
            throw new ArgumentException($"{nameof(GroupInstanceId)} must be null or not blank.", nameof(GroupInstanceId));
        }

        if (ApplicationServer is not null && !IsHostPort(ApplicationServer))
        {
            throw new ArgumentException($"{nameof(ApplicationServer)} must be host:port, was '{ApplicationServer}'.", nameof(ApplicationServer));
        }

        if (CommitInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(CommitInterval)} must be positive, was {CommitInterval}.", nameof(CommitInterval));
        }

        if (CloseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(CloseTimeout)} must be positive, was {CloseTimeout}.", nameof(CloseTimeout));
        }

        if (PollTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(PollTimeout)} must be positive, was {PollTimeout}.", nameof(PollTimeout));
        }

        if (NumStreamThreads < 1)
        {
            throw new ArgumentException($"{nameof(NumStreamThreads)} must be at least 1, was {NumStreamThreads}.", nameof(NumStreamThreads));
        }

        if (string.IsNullOrWhiteSpace(StateDirectory))
        {
            throw new ArgumentException($"{nameof(StateDirectory)} is required.", nameof(StateDirectory));
        }

        if (MaxTaskTimeSkew is { } skew && (skew < TimeSpan.Zero || skew.Ticks % TimeSpan.TicksPerMillisecond != 0))
        {
            throw new ArgumentException($"{nameof(MaxTaskTimeSkew)} must be zero or positive, in whole milliseconds, was {skew}.", nameof(MaxTaskTimeSkew));
        }

        if (MaxTaskIdle < TimeSpan.Zero)
        {
            throw new ArgumentException($"{nameof(MaxTaskIdle)} must be zero or positive, was {MaxTaskIdle}.", nameof(MaxTaskIdle));
        }

        if (CacheMaxBytesBuffering < 0)
        {
            throw new ArgumentException($"{nameof(CacheMaxBytesBuffering)} must be zero or positive, was {CacheMaxBytesBuffering}.", nameof(CacheMaxBytesBuffering));
        }

        if (MaxChangelogRecordBytes < 0)
        {
            throw new ArgumentException($"{nameof(MaxChangelogRecordBytes)} must be zero (no check) or positive, was {MaxChangelogRecordBytes}.", nameof(MaxChangelogRecordBytes));
        }
    }

    private static bool IsHostPort(string value)
    {
        var colon = value.LastIndexOf(':');
        return colon > 0 && int.TryParse(value.AsSpan(colon + 1), out var port) && port is > 0 and <= 65535
            && !value.AsSpan(0, colon).ContainsAny(" /");
    }
}
