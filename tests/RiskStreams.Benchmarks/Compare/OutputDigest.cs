using System.Globalization;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>
/// An order-independent digest of output records: the count and the wrapping sum of each record's 64-bit FNV-1a hash of its key and
/// value bytes. Two engines writing the same records (in any order) give the same digest.
/// </summary>
internal sealed class OutputDigest
{
    private ulong _sum;

    public long Count { get; private set; }

    public void Add(byte[]? key, byte[]? value)
    {
        var hash = Fnv1a(Fnv1a(Fnv1a(Offset, BitConverter.GetBytes(key?.Length ?? -1)), key ?? []), value ?? []);
        unchecked
        {
            _sum += hash;
        }

        Count++;
    }

    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private static ulong Fnv1a(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash = unchecked((hash ^ b) * Prime);
        }

        return hash;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Count}:{_sum:x16}");
}
