using RiskStreams.Streams;

namespace RiskStreams.Service;

/// <summary>
/// What the health endpoints answer. Live: the instance has not failed (not <see cref="StreamsState.PendingError"/>
/// or <see cref="StreamsState.Error"/>), so restarting the process would not help. Ready: it is
/// <see cref="StreamsState.Running"/> — global tables bootstrapped, every assigned task restored and processing — and
/// its consumers have not been without a broker for longer than the grace period.
/// </summary>
internal sealed record HealthReport(string State, bool Live, bool Ready, bool Connected, double? BrokersUnreachableSeconds)
{
    /// <summary>The report for <paramref name="streams"/> (null: still starting, live but not ready).</summary>
    public static HealthReport Of(KafkaStreams? streams, TimeSpan unreachableGrace)
    {
        if (streams is null)
        {
            return new HealthReport("Starting", Live: true, Ready: false, Connected: true, null);
        }

        var state = streams.State;
        var unreachable = streams.BrokersUnreachableFor;
        var connected = unreachable is not { } down || down <= unreachableGrace;
        return new HealthReport(
            state.ToString(),
            Live: state is not (StreamsState.PendingError or StreamsState.Error),
            Ready: state == StreamsState.Running && connected,
            connected,
            unreachable?.TotalSeconds);
    }

    /// <summary>
    /// The answer of the original <c>/health</c>: processing or rebalancing, and reaching a broker (within the grace).
    /// </summary>
    public bool Healthy => State is nameof(StreamsState.Running) or nameof(StreamsState.Rebalancing) && Connected;
}
