namespace RiskStreams.Risk.Internal;

/// <summary>
/// The entity signals of an account state in the binary format: an optional trailing section (absent when the account has
/// none, so states without them keep their bytes and states written before it decode unchanged).
/// </summary>
internal static class EntitySignalFormat
{
    public static void Write(ByteWriter w, AccountRiskState s, long now)
    {
        if (s.EntitySignals.Count == 0)
        {
            return;
        }

        w.UInt((ulong)s.EntitySignals.Count);
        foreach (var signal in s.EntitySignals)
        {
            var e = signal.Window;
            w.String(signal.Code);
            w.Int(unchecked(now - signal.AtMs));
            w.String(e.EntityTag);
            w.Int(e.WindowMs);
            w.Int(e.Events);
            w.Int(e.DistinctAccounts);
            w.Bool(e.DistinctExact);
            w.Int(e.FailedLogins);
            w.Int(e.VerifiedLogins);
            w.Int(e.SmallTransactions);
            w.Int(e.SmallDeclined);
        }
    }

    public static void Read(ref ByteReader r, AccountRiskState s, long now)
    {
        if (r.AtEnd)
        {
            return;
        }

        // The writer leaves the section out when there are no signals, so a count of zero is stray bytes.
        var count = r.Count();
        if (count == 0)
        {
            throw new FormatException("Account state is malformed: unexpected bytes after the state.");
        }

        if (count > EntitySignalUpdater.MaxSignals)
        {
            throw new FormatException($"Account state is malformed: {count} entity signals.");
        }

        for (var n = count; n > 0; n--)
        {
            var code = r.String();
            var at = unchecked(now - r.Int());
            var window = new EntityWindowSummary(r.String(), r.Int(), r.Int32(), r.Int32(), r.Bool(), r.Int32(), r.Int32(), r.Int32(), r.Int32());
            s.EntitySignals.Add(new EntitySignal(code, at, window));
        }
    }
}
