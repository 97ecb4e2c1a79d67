namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// The retry schedule of a task held back by an unavailable dependency (see <see cref="DependencyUnavailableException"/>):
/// the first retry after <see cref="InitialDelayMs"/>, each next one after twice the last delay, at most
/// <see cref="MaxDelayMs"/>; cleared by the first record that goes through.
/// </summary>
internal sealed class DependencyBackoff
{
    public const long InitialDelayMs = 100;
    public const long MaxDelayMs = 30_000;

    private long _delayMs;

    /// <summary>True from the first failure until a record goes through.</summary>
    public bool Paused { get; private set; }

    /// <summary>When the held-back record may be tried again (monotonic ms); meaningful while <see cref="Paused"/>.</summary>
    public long RetryAtMs { get; private set; }

    /// <summary>When the pause began (monotonic ms).</summary>
    public long PausedSinceMs { get; private set; }

    /// <summary>Failed attempts in the current pause.</summary>
    public int Attempts { get; private set; }

    /// <summary>Records a failed attempt at <paramref name="nowMs"/>; true when it starts a pause.</summary>
    public bool Fail(long nowMs)
    {
        var starts = !Paused;
        if (starts)
        {
            Paused = true;
            PausedSinceMs = nowMs;
            _delayMs = InitialDelayMs;
        }
        else
        {
            _delayMs = Math.Min(MaxDelayMs, _delayMs * 2);
        }

        Attempts++;
        RetryAtMs = nowMs + _delayMs;
        return starts;
    }

    /// <summary>True when the task may process at <paramref name="nowMs"/>.</summary>
    public bool CanTry(long nowMs) => !Paused || nowMs >= RetryAtMs;

    /// <summary>Ends the pause (a record went through).</summary>
    public void Clear()
    {
        Paused = false;
        Attempts = 0;
        _delayMs = 0;
    }
}
