using RiskStreams.Risk.Internal;

namespace RiskStreams.Risk;

/// <summary>
/// Encodes an <see cref="EntityWindow"/> for window stores, versioned tables and their changelogs: a format byte (1), the
/// latest event time and counts as varints, a saturation flag, then the kept account hashes as fixed 64-bit values
/// (at most <see cref="EntityWindow.ExactDistinctCap"/>, so a window encodes to at most ~540 bytes).
/// </summary>
public static class EntityWindowCodec
{
    private const byte Version = 1;

    /// <summary>Serializes <paramref name="window"/>.</summary>
    public static byte[] Encode(EntityWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var w = ByteWriter.Rent();
        w.Byte(Version);
        w.Int(window.LatestMs);
        w.Int(window.Events);
        w.Int(window.FailedLogins);
        w.Int(window.VerifiedLogins);
        w.Int(window.SmallTransactions);
        w.Int(window.SmallDeclined);
        w.Bool(window.Saturated);
        w.UInt((ulong)window.Hashes.Count);
        foreach (var hash in window.Hashes)
        {
            w.Fixed64(hash);
        }

        return w.ToArray();
    }

    /// <summary>Deserializes what <see cref="Encode"/> wrote; throws <see cref="FormatException"/> on anything else.</summary>
    public static EntityWindow Decode(ReadOnlySpan<byte> data)
    {
        var r = new ByteReader(data);
        var version = r.Byte();
        if (version != Version)
        {
            throw new FormatException($"Entity window format v{version} is not supported (expected v{Version}).");
        }

        var latest = r.Int();
        int events = r.Int32(), failed = r.Int32(), verified = r.Int32(), small = r.Int32(), smallDeclined = r.Int32();
        var saturated = r.Bool();
        var count = r.Count();
        if (count > EntityWindow.ExactDistinctCap)
        {
            throw new FormatException($"Entity window is malformed: {count} account hashes, more than {EntityWindow.ExactDistinctCap}.");
        }

        var hashes = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = r.Fixed64();
            if (i > 0 && hashes[i] <= hashes[i - 1])
            {
                throw new FormatException("Entity window is malformed: account hashes not strictly ascending.");
            }
        }

        return r.AtEnd
            ? new EntityWindow(latest, events, failed, verified, small, smallDeclined, hashes, saturated)
            : throw new FormatException("Entity window is malformed: unexpected bytes after the window.");
    }
}
