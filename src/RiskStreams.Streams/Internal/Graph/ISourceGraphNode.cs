namespace RiskStreams.Streams.Internal.Graph;

internal interface ISourceGraphNode
{
    IReadOnlyList<string> Topics { get; }
}

internal interface ISinkGraphNode
{
    string Topic { get; }
}
