namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>One scheduled punctuator of a task.</summary>
internal sealed class PunctuationSchedule(RuntimeNode node, long intervalMs, PunctuationType type, Action<long> punctuator, long? firstDue) : IDisposable
{
    public RuntimeNode Node { get; } = node;

    public PunctuationType Type { get; } = type;

    public bool Cancelled { get; private set; }

    /// <summary>Fires once when <paramref name="now"/> has reached the due time; the next due time stays on the interval grid.</summary>
    public bool MaybeFire(long now, TaskContext context)
    {
        if (Cancelled || now == long.MinValue)
        {
            return false;
        }

        // A stream-time schedule made before any record is due at the first record, like Kafka Streams.
        firstDue ??= now;
        if (now < firstDue)
        {
            return false;
        }

        var missed = (now - firstDue.Value) / intervalMs;
        firstDue += (missed + 1) * intervalMs;
        context.Punctuate(Node, () => punctuator(now));
        return true;
    }

    public void Dispose() => Cancelled = true;
}
