namespace RiskStreams.DevStack.Internal;

/// <summary>Compatibility rules of the embedded registry, as named by the Confluent REST API.</summary>
internal enum CompatibilityLevel
{
    None,
    Backward,
    BackwardTransitive,
    Forward,
    ForwardTransitive,
    Full,
    FullTransitive,
}
