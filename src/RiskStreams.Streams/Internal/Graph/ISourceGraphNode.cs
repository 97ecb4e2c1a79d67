namespace RiskStreams.Streams.Internal.Graph;

/// <summary>A graph node that reads topics.</summary>
internal interface ISourceGraphNode
{
    IReadOnlyList<string> Topics { get; }
}
