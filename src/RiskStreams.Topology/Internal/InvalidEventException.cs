namespace RiskStreams.Topology.Internal;

/// <summary>A well-formed record whose content breaks the contract (missing id, negative amount...); it goes to the dead-letter topic.</summary>
internal sealed class InvalidEventException(string message) : Exception(message);
