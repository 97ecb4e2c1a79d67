using Confluent.Kafka;
using RiskStreams.Streams.Internal;
using RiskStreams.Streams.Internal.Runtime.Kafka;

namespace RiskStreams.Streams;

/// <remarks>
/// Thread deaths: a stream thread whose tasks migrated (<see cref="TaskMigratedException"/>: fenced producer, group
/// moved on, partitions lost in a transaction) has closed them dirty and left the group; a new thread with the same
/// name and transactional id takes its place and rejoins, as Kafka Streams does. Any other death — of a stream thread
/// or of the global thread — is fatal: logged, counted (<c>riskstreams.streams.thread.deaths</c>), and the instance
/// stops through <see cref="StreamsState.PendingError"/> to <see cref="StreamsState.Error"/>.
/// </remarks>
public sealed partial class KafkaStreams
{
    private readonly List<Task> _replacements = [];
    private readonly BrokerConnectivity _connectivity = new();
    private TopicPlan? _plan;
    private Func<string, State.IStateStore?>? _globalStores;

    /// <summary>
    /// How long the stream threads' consumers have reached no broker (from their statistics, checked every second);
    /// null while at least one broker is up. A health check can report the instance not ready beyond a grace period.
    /// </summary>
    public TimeSpan? BrokersUnreachableFor => _connectivity.UnreachableFor;

    /// <summary>Stream threads replaced after their tasks migrated, since start.</summary>
    public int ReplacedThreads { get; private set; }

    private void StartThreads(TopicPlan plan, Func<string, State.IStateStore?>? globalStores)
    {
        lock (_stateLock)
        {
            if (_closeRequested)
            {
                return;
            }

            _plan = plan;
            _globalStores = globalStores;
            _threads = new StreamThread[_options.NumStreamThreads];
            for (var i = 0; i < _threads.Length; i++)
            {
                _threads[i] = CreateThread(i);
            }

            foreach (var thread in _threads)
            {
                thread.Start();
            }
        }
    }

    private StreamThread CreateThread(int index)
    {
        // KIP-447 ("v2"): one transactional id per thread of this process; the group metadata sent with the
        // offsets fences zombies, so the id need not follow the tasks. A replacement thread reuses it.
        var transactionalId = _options.ProcessingGuarantee == ProcessingGuarantee.ExactlyOnceV2
            ? $"{_options.ApplicationId}-{_processId:N}-{index + 1}"
            : null;
        return new StreamThread($"{_options.ApplicationId}-StreamThread-{index + 1}", _plan!, _topology, _options, _registry,
            _errorPolicy, _logger, OnThreadStateChanged, _globalStores, transactionalId)
        {
            Connectivity = _connectivity,
            GroupInstanceId = _options.GroupInstanceId is { } instance ? $"{instance}-{index + 1}" : null,
        };
    }

    /// <summary>Waits until every stream thread has ended, including threads started meanwhile to replace others.</summary>
    private async Task WaitForThreadsAsync()
    {
        while (true)
        {
            Task[] pending;
            lock (_stateLock)
            {
                pending = [.. _threads.Select(t => t.Completion), .. _replacements];
                _replacements.Clear();
            }

            if (pending.Length == 0 || pending.All(t => t.IsCompleted))
            {
                lock (_stateLock)
                {
                    if (_replacements.Count == 0 && _threads.All(t => t.Completion.IsCompleted))
                    {
                        return;
                    }
                }

                continue;
            }

            await Task.WhenAll(pending).ConfigureAwait(false);
        }
    }

    private void OnThreadStateChanged(StreamThread thread)
    {
        if (thread.State == StreamsState.Error)
        {
            OnThreadDied(thread);
            return;
        }

        Transition(current => current is StreamsState.Rebalancing or StreamsState.Running
            ? (Array.TrueForAll(_threads, t => t.State == StreamsState.Running) ? StreamsState.Running : StreamsState.Rebalancing)
            : null);
    }

    /// <summary>Runs on the dying thread, before it closes its clients and completes.</summary>
    private void OnThreadDied(StreamThread thread)
    {
        var error = thread.Error ?? new InvalidOperationException($"{thread.Name} failed.");
        var replace = false;
        lock (_stateLock)
        {
            var index = Array.IndexOf(_threads, thread);
            if (Rejoinable(error) && !_closeRequested && index >= 0 && _state is StreamsState.Running or StreamsState.Rebalancing)
            {
                replace = true;
                _replacements.Add(thread.Completion.ContinueWith(_ => Replace(index, thread), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            }
        }

        StreamsMetrics.ThreadDeaths.Add(1, new("thread", thread.Name), new("error", error.GetType().Name),
            new("action", replace ? "replaced" : "stopped"));
        if (replace)
        {
            LifecycleLog.ThreadReplaced(_logger, _options.ApplicationId, thread.Name, error.Message);
            Transition(s => s == StreamsState.Running ? StreamsState.Rebalancing : null);
            return;
        }

        LifecycleLog.ThreadDied(_logger, error, _options.ApplicationId, thread.Name);
        Fail(error);
    }

    /// <summary>
    /// A migration a new thread can recover from by rejoining: fenced by a newer producer or by the group. A transactional
    /// id the broker refuses to authorize would refuse the new thread too, so that one is fatal.
    /// </summary>
    private static bool Rejoinable(Exception error) =>
        error is TaskMigratedException { InnerException: not KafkaException { Error.Code: ErrorCode.TransactionalIdAuthorizationFailed } };

    /// <summary>Starts a new thread in the place of <paramref name="dead"/> once it has closed its clients (left the group).</summary>
    private void Replace(int index, StreamThread dead)
    {
        StreamThread replacement;
        lock (_stateLock)
        {
            if (_closeRequested || _state is not (StreamsState.Running or StreamsState.Rebalancing) || _threads[index] != dead)
            {
                return;
            }

            replacement = CreateThread(index);
            var threads = (StreamThread[])_threads.Clone();
            threads[index] = replacement;
            _threads = threads;
            ReplacedThreads++;
        }

        replacement.Start();
    }

    private void OnGlobalThreadStopped(GlobalStreamThread thread, Task completion)
    {
        if (completion.Exception?.InnerException is not { } error)
        {
            return;
        }

        StreamsMetrics.ThreadDeaths.Add(1, new("thread", thread.Name), new("error", error.GetType().Name), new("action", "stopped"));
        LifecycleLog.ThreadDied(_logger, error, _options.ApplicationId, thread.Name);
        Fail(error);
    }
}
