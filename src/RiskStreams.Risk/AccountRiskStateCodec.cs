using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Encodes an account's state for state stores and their changelogs in a compact, versioned binary format: the
/// first byte is the format version (3). Every bound of <see cref="AccountRiskState"/> holds in the format, so one
/// account's record stays small whatever the input (about 100 bytes for a quiet account, tens of KiB at most).
/// The JSON formats of earlier releases (v1, v2; their first byte is <c>{</c>) still decode, so an upgraded processor
/// reads what an older one stored; the next write stores the binary format.
/// </summary>
public static class AccountRiskStateCodec
{
    /// <summary>The currency assumed for amounts of a JSON (v1, v2) state, which did not record currencies.</summary>
    public const string LegacyCurrency = "CNY";

    /// <summary>Serializes <paramref name="state"/>. Equal states give equal bytes.</summary>
    public static byte[] Encode(AccountRiskState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return BinaryStateFormat.Write(state);
    }

    /// <summary>Deserializes what <see cref="Encode"/> wrote, or a JSON state of an earlier release; throws <see cref="FormatException"/> on anything else.</summary>
    public static AccountRiskState Decode(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            throw new FormatException("Account state is empty.");
        }

        return data[0] == (byte)'{' ? LegacyJsonState.Read(data) : BinaryStateFormat.Read(data);
    }
}
