namespace RiskStreams.Streams.State;

/// <summary>The bottom layer of a key-value store: byte keys ordered lexicographically (unsigned), byte values.</summary>
public interface IKeyValueBytesStore : IStateStore
{
    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    byte[]? Get(byte[] key);

    /// <summary>Sets <paramref name="key"/>; a null value deletes it.</summary>
    void Put(byte[] key, byte[]? value);

    /// <summary>Entries with keys in [<paramref name="from"/>, <paramref name="to"/>] (either bound null = open), in key order.</summary>
    IEnumerable<KeyValuePair<byte[], byte[]>> Range(byte[]? from, byte[]? to);

    /// <summary>Number of entries.</summary>
    long ApproximateCount { get; }
}
