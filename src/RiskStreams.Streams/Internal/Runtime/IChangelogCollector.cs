namespace RiskStreams.Streams.Internal.Runtime;

/// <summary>Receives store changes for changelog topics (the durability layer plugs in here).</summary>
internal interface IChangelogCollector
{
    void Append(string storeName, byte[] key, byte[]? value, long timestamp);
}
