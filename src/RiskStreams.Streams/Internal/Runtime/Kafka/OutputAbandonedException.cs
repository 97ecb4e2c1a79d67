namespace RiskStreams.Streams.Internal.Runtime.Kafka;

/// <summary>
/// A closing stream thread's time for its output ran out (see <see cref="StreamsOptions.CloseTimeout"/>) while records
/// were still unacknowledged — all brokers unreachable — so it gives up its final commit.
/// </summary>
internal sealed class OutputAbandonedException(int unacknowledged)
    : Exception($"{unacknowledged} output records were still unacknowledged when the close timeout ran out.")
{
    /// <summary>Records still in the producer's queue or in flight.</summary>
    public int Unacknowledged { get; } = unacknowledged;
}
