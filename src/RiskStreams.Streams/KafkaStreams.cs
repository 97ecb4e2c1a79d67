using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams;

/// <summary>
/// Runs a <see cref="Topology"/> on Kafka, at-least-once or exactly-once (<see cref="StreamsOptions.ProcessingGuarantee"/>),
/// as Kafka Streams' <c>KafkaStreams</c> does.
/// At start it reads the source topics' metadata, checks that the source topics of each sub-topology are
/// co-partitioned and creates the repartition topics; then <see cref="StreamsOptions.NumStreamThreads"/> stream
/// threads join the consumer group named by <see cref="StreamsOptions.ApplicationId"/>. Each thread runs one task per
/// assigned partition of a sub-topology, processes each task's records in timestamp order, and every
/// <see cref="StreamsOptions.CommitInterval"/> flushes stores and output before it commits the processed offsets.
/// </summary>
/// <remarks>
/// A record that fails to deserialize, to process, or to be produced goes to the matching exception handler of
/// <see cref="StreamsOptions"/>. <see cref="ExceptionHandlerResponse.Continue"/> skips it — logged, counted, and sent to
/// <see cref="StreamsOptions.DeadLetterTopic"/> with its source position and the error in headers when that is set —
/// and processing goes on with the next record; <see cref="ExceptionHandlerResponse.Fail"/> (the default) stops the
/// instance in <see cref="StreamsState.Error"/> (see <see cref="Error"/>). Offsets of records whose output was not
/// acknowledged are never committed, so a restart processes them again.
/// <para>
/// Under <see cref="ProcessingGuarantee.ExactlyOnceV2"/> each commit is a transaction of the thread's producer holding
/// the output, changelog and dead-letter records of the interval and the consumed offsets; a thread that fails or
/// is closed by <c>CloseWithoutCommitAsync</c> aborts it. A thread fenced as a zombie (a newer producer with its
/// transactional id, or a group that moved on without it) closes its tasks without checkpoints and leaves the group,
/// and a new thread takes its place and rejoins (see <see cref="TaskMigratedException"/>).
/// </para>
/// </remarks>
public sealed partial class KafkaStreams : IAsyncDisposable
{
    private readonly Topology _topology;
    private readonly StreamsOptions _options;
    private readonly ILogger _logger;
    private readonly TaskRegistry _registry = new();
    private readonly HandlerErrorPolicy _errorPolicy;
    private readonly Lock _stateLock = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Identifies this instance in the transactional ids of its threads.</summary>
    private readonly Guid _processId = Guid.NewGuid();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private StreamThread[] _threads = [];
    private StreamsState _state = StreamsState.Created;
    private bool _closeRequested;
    private int _disposed;

    /// <summary>Creates an instance; nothing connects until <see cref="Start"/>.</summary>
    /// <param name="topology">The topology to run.</param>
    /// <param name="options">The settings; validated here, failing with an <see cref="ArgumentException"/> naming the field.</param>
    /// <param name="loggerFactory">Receives the runtime's and the Kafka clients' logs; optional.</param>
    public KafkaStreams(Topology topology, StreamsOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (topology.Subtopologies.Count == 0)
        {
            throw new ArgumentException("The topology reads no topics; add a stream or table before running it.", nameof(topology));
        }

        _topology = topology;
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<KafkaStreams>();
        _errorPolicy = new HandlerErrorPolicy(options, _logger);
    }

    /// <summary>Raised on every state change, on the thread that caused it.</summary>
    public event EventHandler<StreamsState>? StateChanged;

    /// <summary>Current state: <see cref="StreamsState.Running"/> while every stream thread has its assignment.</summary>
    public StreamsState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    /// <summary>The error that moved the instance to <see cref="StreamsState.Error"/>, if any.</summary>
    public Exception? Error { get; private set; }

    /// <summary>Completes when the instance has stopped (cleanly or on an error) and its Kafka clients are closed.</summary>
    public Task Completion => _completion.Task;

    /// <summary>The stream threads of this instance and their tasks, read now.</summary>
    public IReadOnlyList<StreamThreadMetadata> LocalThreads
    {
        get
        {
            StreamThread[] threads;
            lock (_stateLock)
            {
                threads = _threads;
            }

            return [.. threads.Select(t => t.Metadata)];
        }
    }

    /// <summary>
    /// Starts in the background: checks and creates topics, then starts the stream threads. Failures there move the
    /// instance to <see cref="StreamsState.Error"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The instance was started or closed before.</exception>
    public void Start()
    {
        Librdkafka.EnsureLoaded();
        if (!Transition(s => s == StreamsState.Created ? StreamsState.Rebalancing : null))
        {
            throw new InvalidOperationException($"{nameof(KafkaStreams)} can start only once (state {State}).");
        }

        StreamsMetrics.Register(_registry, _options.ApplicationId);
        _ = Task.Run(RunAsync);
    }

    /// <summary>
    /// True when <see cref="CloseAsync"/> ran out of <see cref="StreamsOptions.CloseTimeout"/>: a thread's output was not
    /// acknowledged in time (it closed without its final commit) or some client did not close in time (brokers
    /// unreachable); what was abandoned is logged, and the tasks are replayed from their last commit by their next owner.
    /// </summary>
    public bool CloseTimedOut { get; private set; }

    /// <summary>
    /// Stops: each thread finishes its batch, flushes, commits, closes its tasks and leaves the group. Completes when
    /// all have, or after <see cref="StreamsOptions.CloseTimeout"/> at the latest (see <see cref="CloseTimedOut"/>),
    /// without throwing; a failure is in <see cref="Error"/>.
    /// </summary>
    public async Task CloseAsync()
    {
        StreamThread[] threads;
        lock (_stateLock)
        {
            _closeRequested = true;
            threads = _threads;
        }

        if (Transition(s => s == StreamsState.Created ? StreamsState.NotRunning : null))
        {
            _completion.TrySetResult();
            return;
        }

        Transition(_ => StreamsState.PendingShutdown);
        CancelStartup();
        foreach (var thread in threads)
        {
            thread.RequestStop(_options.CloseTimeout / 2);
        }

        try
        {
            await _completion.Task.WaitAsync(_options.CloseTimeout).ConfigureAwait(false);
            CloseTimedOut |= threads.Any(t => t.AbandonedOutput);
        }
        catch (TimeoutException)
        {
            AbandonClose(threads);
        }
    }

    /// <summary>Completes a close that outlasted <see cref="StreamsOptions.CloseTimeout"/>, leaving what still closes behind.</summary>
    private void AbandonClose(StreamThread[] threads)
    {
        var closing = threads.Where(t => !t.Completion.IsCompleted).Select(t => $"{t.Name} ({t.State})").ToList();
        Log.CloseAbandoned(_logger, _options.ApplicationId, (long)_options.CloseTimeout.TotalMilliseconds,
            closing.Count == 0 ? "the global thread or start-up" : string.Join(", ", closing));
        CloseTimedOut = true;
        Transition(s => s == StreamsState.PendingError ? StreamsState.Error : StreamsState.NotRunning);
        _completion.TrySetResult();
    }

    /// <summary>
    /// Test hook for crash recovery: every thread stops as if the process died between two commits (no flush, no
    /// commit, no checkpoint), except that it leaves the group at once.
    /// </summary>
    internal async Task CloseWithoutCommitAsync()
    {
        StreamThread[] threads;
        lock (_stateLock)
        {
            threads = _threads;
        }

        foreach (var thread in threads)
        {
            thread.RequestAbandon();
        }

        await CloseAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        StreamsMetrics.Unregister(_registry);
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Dispose();
        }
    }

    private async Task RunAsync()
    {
        try
        {
            TopicPlan plan;
            using (var admin = KafkaClientFactory.Admin(_options, _logger))
            {
                plan = await new InternalTopicManager(admin, _options, _logger).PrepareAsync(_topology, _stopping.Token).ConfigureAwait(false);
            }

            var directory = StartDirectory();
            try
            {
                await RunThreadsAsync(plan).ConfigureAwait(false);
            }
            finally
            {
                if (directory is not null)
                {
                    // Its tombstone tells the other instances at once that this one hosts nothing any more.
                    directory.RequestStop();
                    await directory.Completion.ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Closed while starting.
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            Transition(s => s == StreamsState.PendingError ? StreamsState.Error : StreamsState.NotRunning);
            _completion.TrySetResult();
        }
    }

    private async Task RunThreadsAsync(TopicPlan plan)
    {
        var global = await StartGlobalThreadAsync().ConfigureAwait(false);
        try
        {
            Func<string, State.IStateStore?>? globalStores = global is { } g ? g.Manager.FindStore : null;
            StartThreads(plan, globalStores);
            await WaitForThreadsAsync().ConfigureAwait(false);
        }
        finally
        {
            if (global is { } g)
            {
                g.Thread.RequestStop();
                await g.Thread.Completion.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Global stores are filled up to the current end of their topics before any task may read them.</summary>
    private async Task<(Internal.Global.GlobalStateManager Manager, GlobalStreamThread Thread)?> StartGlobalThreadAsync()
    {
        if (_topology.GlobalStores.Count == 0)
        {
            return null;
        }

        var manager = new Internal.Global.GlobalStateManager(_topology, _options.ApplicationId, () => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var thread = new GlobalStreamThread(manager, _options, _errorPolicy, _logger);
        _ = thread.Completion.ContinueWith(t => OnGlobalThreadStopped(thread, t), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        thread.Start();
        await thread.CaughtUp.WaitAsync(_stopping.Token).ConfigureAwait(false);
        return (manager, thread);
    }

    /// <summary>
    /// Kafka Streams' default for an uncaught error: the instance moves to <see cref="StreamsState.PendingError"/>, the
    /// other threads stop cleanly, and then it is in <see cref="StreamsState.Error"/>.
    /// </summary>
    private void Fail(Exception error)
    {
        StreamThread[] threads;
        lock (_stateLock)
        {
            Error ??= error;
            threads = _threads;
        }

        Transition(_ => StreamsState.PendingError);
        CancelStartup();
        foreach (var thread in threads)
        {
            thread.RequestStop();
        }
    }

    /// <summary>Stops topic preparation if it is still running; once the instance is disposed there is nothing left to stop.</summary>
    private void CancelStartup()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _stopping.Cancel();
        }
    }

    /// <summary>Moves to the state <paramref name="decide"/> picks from the current one (null: stay) if that move is allowed; true if it moved.</summary>
    private bool Transition(Func<StreamsState, StreamsState?> decide)
    {
        StreamsState previous;
        StreamsState next;
        lock (_stateLock)
        {
            previous = _state;
            if (decide(previous) is not { } chosen || chosen == previous || !StreamsStates.CanMove(previous, chosen))
            {
                return false;
            }

            _state = next = chosen;
        }

        Log.StateChanged(_logger, _options.ApplicationId, previous, next);
        StateChanged?.Invoke(this, next);
        return true;
    }
}
