using RiskStreams.Risk;

namespace RiskStreams.Topology.Internal;

/// <summary>An account event held in the reorder buffer, with the wall-clock time it was buffered at (for the wall-clock bound).</summary>
internal sealed record BufferedEvent(AccountEvent Event, long BufferedAtWallMs);
