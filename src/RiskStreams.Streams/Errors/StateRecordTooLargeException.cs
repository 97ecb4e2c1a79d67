using System.Text;

namespace RiskStreams.Streams;

/// <summary>
/// A write to a logged state store was refused before it changed the store: its changelog record (key, value and
/// headers) would exceed <see cref="StreamsOptions.MaxChangelogRecordBytes"/>, so the broker would refuse it and the
/// store would run ahead of its changelog. The input record being processed goes to the processing exception handler
/// (with the default handlers of the service: skipped to the dead-letter topic, with this message as the reason).
/// </summary>
public sealed class StateRecordTooLargeException : Exception
{
    private const int ShownKeyBytes = 64;

    /// <summary>Creates the exception for a write of <paramref name="bytes"/> to <paramref name="storeName"/> under <paramref name="key"/>.</summary>
    public StateRecordTooLargeException(string storeName, byte[] key, long bytes, long limit)
        : base($"Store '{storeName}' refused a write for key {Describe(key)}: its changelog record would be {bytes} bytes, over the limit of {limit} " +
            $"({nameof(StreamsOptions)}.{nameof(StreamsOptions.MaxChangelogRecordBytes)}); the store and its changelog are unchanged.")
    {
        StoreName = storeName;
        Key = key;
        Bytes = bytes;
        Limit = limit;
    }

    /// <summary>Creates the exception.</summary>
    public StateRecordTooLargeException()
    {
        StoreName = "";
        Key = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public StateRecordTooLargeException(string message)
        : base(message)
    {
        StoreName = "";
        Key = [];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StateRecordTooLargeException(string message, Exception innerException)
        : base(message, innerException)
    {
        StoreName = "";
        Key = [];
    }

    /// <summary>The store that refused the write.</summary>
    public string StoreName { get; }

    /// <summary>The serialized key of the write.</summary>
    public IReadOnlyList<byte> Key { get; }

    /// <summary>Estimated size of the changelog record.</summary>
    public long Bytes { get; }

    /// <summary>The limit in force.</summary>
    public long Limit { get; }

    /// <summary>The key as text when it is printable UTF-8 (account ids), else its first bytes in hex.</summary>
    private static string Describe(byte[] key)
    {
        var shown = key.AsSpan(0, Math.Min(key.Length, ShownKeyBytes));
        var text = Encoding.UTF8.GetString(shown);
        var suffix = key.Length > ShownKeyBytes ? "…" : "";
        return text.All(c => !char.IsControl(c) && c != '\uFFFD') ? $"'{text}{suffix}'" : $"0x{Convert.ToHexString(shown)}{suffix}";
    }
}
