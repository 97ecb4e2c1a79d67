namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>Stopping: a requested stop (with its output budget), an abandon (tests), and the closes after a failure or an abandoned output.</summary>
internal sealed partial class StreamThread
{
    /// <summary>Asks the thread to finish its current batch, commit, close its tasks and leave the group.</summary>
    /// <param name="outputBudget">
    /// How long from now the thread may wait for its output to be acknowledged; past that it gives up its final commit
    /// (see <see cref="StreamsOptions.CloseTimeout"/>). Null: as long as it takes.
    /// </param>
    public void RequestStop(TimeSpan? outputBudget = null)
    {
        if (outputBudget is { } budget)
        {
            // The earliest deadline asked for stands.
            var at = NowMs() + (long)budget.TotalMilliseconds;
            var current = Volatile.Read(ref _abandonOutputAtMs);
            while (at < current && Interlocked.CompareExchange(ref _abandonOutputAtMs, at, current) is var seen && seen != current)
            {
                current = seen;
            }
        }

        _stopRequested = true;
    }

    /// <summary>
    /// Stops as if the process died between commits (for tests): nothing is flushed or committed, tasks close dirty
    /// (no checkpoint); only the group is left at once instead of after the session timeout.
    /// </summary>
    public void RequestAbandon()
    {
        _abandon = true;
        _stopRequested = true;
    }

    private void CloseAfterFailure()
    {
        try
        {
            // Nothing of the open transaction may become visible; a fenced producer cannot abort, its successor did.
            if (Error is not TaskMigratedException)
            {
                AbortTransaction();
            }

            CloseTasks(clean: false);
            if (_consumer is not null)
            {
                ReconcileFollowers();
                _consumer.Close();
            }
        }
        catch (Exception e)
        {
            RuntimeLog.CloseFailed(_logger, e, Name);
        }
    }

    /// <summary>
    /// Closes after the thread's output could not be delivered within its close budget: no commit, tasks closed
    /// without checkpoint (their next owner replays them from the last commit). An open transaction is left to the
    /// broker, which aborts it when it times out or the next producer with the thread's id registers.
    /// </summary>
    private void CloseAbandoningOutput(OutputAbandonedException abandoned)
    {
        AbandonedOutput = true;
        SetState(StreamsState.PendingShutdown);
        RuntimeLog.OutputAbandoned(_logger, Name, abandoned.Unacknowledged, string.Join(",", _activeTaskIds));
        try
        {
            CloseTasks(clean: false);
            ReconcileFollowers();
            _consumer!.Close();
        }
        catch (Exception e)
        {
            RuntimeLog.CloseFailed(_logger, e, Name);
        }

        SetState(StreamsState.NotRunning);
    }

    private void AbortTransaction()
    {
        if (_producer is { TransactionInFlight: true } producer && !producer.AbortTransaction())
        {
            RuntimeLog.AbortFailed(_logger, Name);
        }
    }
}
