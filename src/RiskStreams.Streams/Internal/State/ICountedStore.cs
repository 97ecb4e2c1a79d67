namespace RiskStreams.Streams.Internal.State;

/// <summary>A store that knows roughly how many entries it holds (reported as the store-size metric).</summary>
internal interface ICountedStore
{
    long ApproximateCount { get; }
}
