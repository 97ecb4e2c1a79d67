using Confluent.Kafka;

namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The producer of a stream thread and, under exactly-once, its transactions: a transaction begins lazily before the
/// first send after a commit, and <see cref="CommitTransaction"/> adds the consumed offsets to it
/// (<c>SendOffsetsToTransaction</c> with the consumer's group metadata, so a member the group has moved on from is
/// fenced — KIP-447) and commits it. Every Kafka error that means "this thread is a zombie" surfaces as
/// <see cref="TaskMigratedException"/>, whichever call revealed it.
/// </summary>
internal sealed class StreamsProducer : IDisposable
{
    private readonly IProducer<byte[]?, byte[]?> _producer;
    private readonly TimeSpan _timeout;
    private bool _initialized;
    private int _ownerThreadId;

    /// <param name="producer">The Kafka producer; transactional (a <c>transactional.id</c> set) when <paramref name="transactional"/>.</param>
    /// <param name="transactional">Whether sends go into transactions.</param>
    /// <param name="timeout">Longest a transactional call (init, commit, abort) may block.</param>
    public StreamsProducer(IProducer<byte[]?, byte[]?> producer, bool transactional = false, TimeSpan? timeout = null)
    {
        _producer = producer;
        Transactional = transactional;
        _timeout = timeout ?? TimeSpan.FromSeconds(60);
    }

    public bool Transactional { get; }

    /// <summary>True between the first send after a commit (or abort) and the next commit or abort.</summary>
    public bool TransactionInFlight { get; private set; }

    /// <summary>
    /// From now on every send, flush, commit and abort must come from the calling thread (the stream thread); one from
    /// any other thread — a store read flushing a cache on a metrics or query thread, say — throws
    /// <see cref="InvalidOperationException"/> instead of writing output or opening a transaction behind the thread's back.
    /// </summary>
    public void BindToCurrentThread() => _ownerThreadId = Environment.CurrentManagedThreadId;

    /// <summary>Registers the transactional id with the coordinator (fencing older producers with it); nothing when not transactional.</summary>
    public void Initialize()
    {
        if (!Transactional || _initialized)
        {
            return;
        }

        Guard("initializing transactions", () => _producer.InitTransactions(_timeout));
        _initialized = true;
    }

    public void Produce(string topic, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
    {
        CheckThread("sending a record");
        MaybeBeginTransaction();
        try
        {
            _producer.Produce(topic, message, onDelivery);
        }
        catch (KafkaException e) when (IsFencing(e.Error))
        {
            throw Migrated("sending", e);
        }
    }

    public void Produce(TopicPartition partition, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
    {
        CheckThread("sending a record");
        MaybeBeginTransaction();
        try
        {
            _producer.Produce(partition, message, onDelivery);
        }
        catch (KafkaException e) when (IsFencing(e.Error))
        {
            throw Migrated("sending", e);
        }
    }

    /// <summary>Sends from the producer's delivery thread (at-least-once dead letters): never begins a transaction.</summary>
    public void ProduceOutsideTransaction(string topic, Message<byte[]?, byte[]?> message, Action<DeliveryReport<byte[]?, byte[]?>> onDelivery)
    {
        if (Transactional)
        {
            throw new InvalidOperationException("A transactional producer sends only from its stream thread.");
        }

        _producer.Produce(topic, message, onDelivery);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for in-flight records; returns how many are still in flight.</summary>
    public int Flush(TimeSpan timeout)
    {
        CheckThread("flushing");
        return _producer.Flush(timeout);
    }

    /// <summary>
    /// Commits the open transaction together with <paramref name="offsets"/> (the next offset to consume of each input
    /// partition) for the group <paramref name="group"/>; begins one first if offsets moved without any send. An
    /// error that requires an abort aborts the transaction and throws: <see cref="TaskMigratedException"/> when the
    /// producer or the group member was fenced, <see cref="InvalidOperationException"/> otherwise.
    /// </summary>
    public void CommitTransaction(IReadOnlyCollection<TopicPartitionOffset> offsets, IConsumerGroupMetadata group)
    {
        CheckThread("committing a transaction");
        EnsureTransactional();
        if (offsets.Count == 0 && !TransactionInFlight)
        {
            return;
        }

        MaybeBeginTransaction();
        try
        {
            if (offsets.Count > 0)
            {
                _producer.SendOffsetsToTransaction(offsets, group, _timeout);
            }

            _producer.CommitTransaction(_timeout);
            TransactionInFlight = false;
        }
        catch (KafkaTxnRequiresAbortException e)
        {
            AbortTransaction();
            throw IsFencing(e.Error) || IsGroupFencing(e.Error)
                ? Migrated("committing", e)
                : new InvalidOperationException($"The transaction could not commit and was aborted: {e.Error.Reason}", e);
        }
        catch (KafkaException e) when (IsFencing(e.Error) || IsGroupFencing(e.Error))
        {
            throw Migrated("committing", e);
        }
    }

    /// <summary>
    /// Aborts the open transaction, if any: nothing sent in it becomes visible to read_committed consumers. Best
    /// effort — a fenced or failed producer cannot abort, and the broker aborts its transaction when the
    /// transaction times out or a newer producer with the same id registers; true when there is no open transaction left.
    /// </summary>
    public bool AbortTransaction()
    {
        CheckThread("aborting a transaction");
        if (!Transactional || !TransactionInFlight)
        {
            return true;
        }

        try
        {
            _producer.AbortTransaction(_timeout);
            TransactionInFlight = false;
            return true;
        }
        catch (KafkaException)
        {
            return false;
        }
    }

    public void Dispose() => _producer.Dispose();

    /// <summary>The errors by which Kafka tells a transactional producer that a newer one owns its id, or that it may not use the id.</summary>
    public static bool IsFencing(Error error) => error.Code is ErrorCode.ProducerFenced or ErrorCode.InvalidProducerEpoch
        or ErrorCode.Local_Fenced or ErrorCode.TransactionalIdAuthorizationFailed;

    /// <summary>The errors by which the group coordinator refuses offsets of a member it has moved on from (KIP-447 fencing).</summary>
    public static bool IsGroupFencing(Error error) => error.Code is ErrorCode.IllegalGeneration or ErrorCode.UnknownMemberId
        or ErrorCode.FencedInstanceId;

    /// <summary>The one exception type of fencing, with the call that revealed it and the Kafka error.</summary>
    public static TaskMigratedException Migrated(string doing, KafkaException error) =>
        new($"The stream thread was fenced while {doing} ({error.Error.Code}: {error.Error.Reason}); its tasks belong to another instance or thread now.", error);

    private void CheckThread(string doing)
    {
        if (_ownerThreadId != 0 && Environment.CurrentManagedThreadId != _ownerThreadId)
        {
            throw new InvalidOperationException(
                $"The stream thread's producer was called {doing} from thread {Environment.CurrentManagedThreadId} ({Thread.CurrentThread.Name ?? "unnamed"}); only the stream thread may use it.");
        }
    }

    private void MaybeBeginTransaction()
    {
        if (!Transactional || TransactionInFlight)
        {
            return;
        }

        Initialize();
        Guard("beginning a transaction", _producer.BeginTransaction);
        TransactionInFlight = true;
    }

    private void EnsureTransactional()
    {
        if (!Transactional)
        {
            throw new InvalidOperationException("The producer is not transactional (processing guarantee at-least-once).");
        }
    }

    private static void Guard(string doing, Action call)
    {
        try
        {
            call();
        }
        catch (KafkaException e) when (IsFencing(e.Error))
        {
            throw Migrated(doing, e);
        }
    }
}
