using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace RiskStreams.Benchmarks;

/// <summary>
/// The input of the window scenarios, deterministic: <see cref="Records"/> records spread evenly (in order) over one hour
/// of event time, each for a key drawn uniformly from <see cref="Keys"/> keys, with an amount of 1–1000. Keys and values
/// are pre-serialized so the harness adds no per-record serialization to the measured phase.
/// </summary>
internal sealed class WindowWorkload
{
    /// <summary>Start of the event time (2026-01-01T00:00:00Z).</summary>
    public const long StartMs = 1_767_225_600_000;

    public const long SpanMs = 3_600_000;

    private const int Amounts = 1000;
    private readonly byte[][] _keyBytes;
    private readonly byte[][] _amountBytes;
    private readonly int[] _keyOfRecord;

    public WindowWorkload(int records, int keys, int seed = 7)
    {
        Records = records;
        Keys = keys;
        _keyBytes = new byte[keys][];
        for (var k = 0; k < keys; k++)
        {
            _keyBytes[k] = Encoding.UTF8.GetBytes(KeyName(k));
        }

        _amountBytes = new byte[Amounts][];
        for (var a = 0; a < Amounts; a++)
        {
            _amountBytes[a] = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(_amountBytes[a], a + 1);
        }

        var random = new Random(seed);
        _keyOfRecord = new int[records];
        for (var i = 0; i < records; i++)
        {
            _keyOfRecord[i] = random.Next(keys);
        }
    }

    public int Records { get; }

    public int Keys { get; }

    /// <summary>Keys that occur at least once.</summary>
    public int DistinctKeys => _keyOfRecord.Distinct().Count();

    public static string KeyName(int index) => string.Create(CultureInfo.InvariantCulture, $"key-{index:D7}");

    public byte[] Key(int record) => _keyBytes[_keyOfRecord[record]];

    public byte[] KeyBytes(int keyIndex) => _keyBytes[keyIndex];

    /// <summary>Serialized amount (8 bytes, big-endian); shared arrays, never to be changed.</summary>
    public byte[] Value(int record) => _amountBytes[record % Amounts];

    public long Timestamp(int record) => StartMs + (record * SpanMs / Records);
}
