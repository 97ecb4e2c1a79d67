using System.Buffers.Binary;
using RiskStreams.Avro.Contracts;
using RiskStreams.Risk;
using RiskStreams.Topology;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Benchmarks.Compare.Risk;

/// <summary>
/// The compared risk topology's input bytes: one topic of account events, each value a tag byte (transaction, login, repayment, review)
/// followed by the Avro record in Confluent wire format (the topology's own <see cref="RiskSerdes"/>, subjects of the production topics), decoded and mapped onto the
/// domain's events by both engines alike with the production <c>EventMapper</c> and <c>ReviewMapper</c> (internal to the topology, visible to
/// the bench); records they reject come out null and are skipped on both engines. Sync-status values are the synced-through instant
/// (8 bytes, big-endian ms), extracted by the harness.
/// </summary>
internal sealed class RiskEventCodec(RiskSerdes serdes)
{
    private const byte TransactionTag = 1;
    private const byte LoginTag = 2;
    private const byte RepaymentTag = 3;
    private const byte ReviewTag = 4;

    public byte[] Encode(global::Avro.Specific.ISpecificRecord value)
    {
        var (tag, bytes) = value switch
        {
            Transaction t => (TransactionTag, serdes.Transactions.Serialize(RiskTopics.Transactions, t)),
            Login l => (LoginTag, serdes.Logins.Serialize(RiskTopics.Logins, l)),
            RepaymentSync r => (RepaymentTag, serdes.Repayments.Serialize(RiskTopics.Repayments, r)),
            ReviewDecision r => (ReviewTag, serdes.Reviews.Serialize(RiskTopics.Reviews, r)),
            _ => throw new ArgumentException($"Not an account event: {value.GetType().Name}.", nameof(value)),
        };
        return [tag, .. bytes!];
    }

    public AccountEvent? Decode(byte[] value)
    {
        var avro = value.AsSpan(1);
        return value[0] switch
        {
            TransactionTag => Map(serdes.Transactions.Deserialize(RiskTopics.Transactions, avro, false), EventMapper.Map),
            LoginTag => Map(serdes.Logins.Deserialize(RiskTopics.Logins, avro, false), EventMapper.Map),
            RepaymentTag => Map(serdes.Repayments.Deserialize(RiskTopics.Repayments, avro, false), EventMapper.Map),
            _ => Map(serdes.Reviews.Deserialize(RiskTopics.Reviews, avro, false), ReviewMapper.Map),
        };
    }

    public static byte[] SyncedThrough(SyncStatus status)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, EventMapper.ToUnixMs(status.syncedThrough));
        return bytes;
    }

    /// <summary>The production mapping (<c>EventMapper</c>, <c>ReviewMapper</c>); a record it refuses comes out null.</summary>
    private static AccountEvent? Map<T>(T value, Func<T, AccountEvent> map)
    {
        try
        {
            return map(value);
        }
        catch (InvalidEventException)
        {
            return null;
        }
    }
}
