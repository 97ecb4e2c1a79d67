namespace RiskStreams.Streams.Internal.Graph;

/// <summary>A graph node that writes a topic.</summary>
internal interface ISinkGraphNode
{
    string Topic { get; }
}
