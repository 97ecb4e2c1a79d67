namespace RiskStreams.Topology.Internal;

/// <summary>
/// Offline runs only (backtest, test driver): asks the account processors to decide everything they hold once the input has
/// ended, as if the reorder grace had passed in stream time with no further input. Checked on a wall-clock punctuation that
/// exists only when this is configured; a live topology never has one, so its decisions never depend on the wall clock.
/// </summary>
internal sealed class ReorderDrain
{
    private long _requests;

    /// <summary>Requests a drain; the next wall-clock punctuation of each processor carries it out.</summary>
    public void Request() => Interlocked.Increment(ref _requests);

    /// <summary>True once per request: when requests were made since <paramref name="seen"/>, which it then updates.</summary>
    public bool TryTake(ref long seen)
    {
        var requests = Interlocked.Read(ref _requests);
        if (requests == seen)
        {
            return false;
        }

        seen = requests;
        return true;
    }
}
