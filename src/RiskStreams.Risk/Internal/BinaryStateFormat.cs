namespace RiskStreams.Risk.Internal;

/// <summary>
/// The compact binary state format, version 4 (version 3 without the review section still reads): a version byte, then varints (LEB128; signed ones zigzag) with every
/// instant stored as its distance back from the account's clock, slots and days as their distance back from the
/// clock's slot and day, currencies as indexes into the account's currency list, ids of applied events as fixed
/// 64-bit hashes, bills sorted by id, then (v4) the reviews in force, the change history and the last change's
/// reasons, score and actions (<see cref="ReviewStateFormat"/>). Equal states give equal bytes.
/// </summary>
internal static class BinaryStateFormat
{
    public const byte Version = 4;

    /// <summary>The format before reviews and the change history; read, never written.</summary>
    public const byte VersionWithoutReviews = 3;

    public static byte[] Write(AccountRiskState s)
    {
        var w = ByteWriter.Rent();
        var now = s.StreamTimeMs;
        w.Byte(Version);
        w.Int(now);
        w.OptionalString(s.AccountId);
        w.Byte((byte)s.Level);
        w.Int(s.Version);
        w.Int(Back(now, s.LevelSinceMs));
        w.Int(Back(now, s.LevelHeldAtMs));

        w.UInt((ulong)s.AppliedEvents.Count);
        foreach (var a in s.AppliedEvents)
        {
            w.Fixed64(a.IdHash);
            w.Int(Back(now, a.AtMs));
        }

        w.UInt((ulong)s.LoginFailureTimes.Count);
        foreach (var t in s.LoginFailureTimes)
        {
            w.Int(Back(now, t));
        }

        w.UInt((ulong)s.KnownDevices.Count);
        foreach (var d in s.KnownDevices)
        {
            w.String(d);
        }

        WriteSignals(w, s, now);
        WriteTransactions(w, s, now);
        WriteBills(w, s, now);
        ReviewStateFormat.Write(w, s, now);
        EntitySignalFormat.Write(w, s, now);
        return w.ToArray();
    }

    public static AccountRiskState Read(ReadOnlySpan<byte> data)
    {
        var r = new ByteReader(data);
        var version = r.Byte();
        if (version is not (Version or VersionWithoutReviews))
        {
            throw new FormatException($"Account state format v{version} is not supported (expected v{VersionWithoutReviews} or v{Version}, or JSON v1/v2).");
        }

        var now = r.Int();
        var s = new AccountRiskState { StreamTimeMs = now, AccountId = r.OptionalString() };
        var level = r.Byte();
        s.Level = level <= (byte)RiskLevel.Suspended ? (RiskLevel)level : throw new FormatException($"Account state is malformed: level {level}.");
        s.Version = r.Int();
        s.LevelSinceMs = At(now, r.Int());
        s.LevelHeldAtMs = At(now, r.Int());

        for (var n = Reserve(s.AppliedEvents, r.Count()); n > 0; n--)
        {
            s.AppliedEvents.Add(new AccountRiskState.AppliedEvent(r.Fixed64(), At(now, r.Int())));
        }

        for (var n = Reserve(s.LoginFailureTimes, r.Count()); n > 0; n--)
        {
            s.LoginFailureTimes.Add(At(now, r.Int()));
        }

        for (var n = Reserve(s.KnownDevices, r.Count()); n > 0; n--)
        {
            s.KnownDevices.Add(r.String());
        }

        ReadSignals(ref r, s, now);
        ReadTransactions(ref r, s, now);
        ReadBills(ref r, s, now);
        if (version == Version)
        {
            ReviewStateFormat.Read(ref r, s, now);
        }

        // After the reviews section: optional, absent when the account has no entity signals.
        EntitySignalFormat.Read(ref r, s, now);
        return r.AtEnd ? s : throw new FormatException("Account state is malformed: unexpected bytes after the state.");
    }

    private static void WriteSignals(ByteWriter w, AccountRiskState s, long now)
    {
        w.Bool(s.LastLocation is not null);
        if (s.LastLocation is { } l)
        {
            w.Int(Back(now, l.AtMs));
            w.Double(l.Point.Latitude);
            w.Double(l.Point.Longitude);
            w.OptionalString(l.Country);
        }

        w.Bool(s.NewDeviceSignal is not null);
        if (s.NewDeviceSignal is { } d)
        {
            w.Int(Back(now, d.AtMs));
            w.String(d.DeviceId);
        }

        w.Bool(s.Travel is not null);
        if (s.Travel is { } t)
        {
            w.Int(Back(now, t.AtMs));
            w.Double(t.Kmh);
            w.Double(t.Km);
            w.OptionalString(t.FromCountry);
            w.OptionalString(t.ToCountry);
        }

        w.Bool(s.Utilization is not null);
        if (s.Utilization is { } u)
        {
            w.Int(Back(now, u.AtMs));
            w.Int(u.OutstandingMinor);
            w.Int(u.CreditLimitMinor);
        }
    }

    private static void ReadSignals(ref ByteReader r, AccountRiskState s, long now)
    {
        if (r.Bool())
        {
            s.LastLocation = new AccountRiskState.LocationFix(At(now, r.Int()), new GeoPoint(r.Double(), r.Double()), r.OptionalString());
        }

        if (r.Bool())
        {
            s.NewDeviceSignal = new AccountRiskState.DeviceSignal(At(now, r.Int()), r.String());
        }

        if (r.Bool())
        {
            s.Travel = new AccountRiskState.TravelSignal(At(now, r.Int()), r.Double(), r.Double(), r.OptionalString(), r.OptionalString());
        }

        if (r.Bool())
        {
            s.Utilization = new AccountRiskState.UtilizationFix(At(now, r.Int()), r.Int(), r.Int());
        }
    }

    private static void WriteTransactions(ByteWriter w, AccountRiskState s, long now)
    {
        w.UInt((ulong)s.Currencies.Count);
        foreach (var c in s.Currencies)
        {
            w.String(c);
        }

        w.UInt((ulong)s.RecentTransactions.Count);
        foreach (var t in s.RecentTransactions)
        {
            w.Int(Back(now, t.AtMs));
            w.Int(t.AmountMinor);
            w.Fixed64(t.MerchantHash);
            w.Byte((byte)((t.Approved ? 1 : 0) | (t.CashAdvance ? 2 : 0)));
            w.UInt((ulong)s.Currencies.IndexOf(t.Currency));
        }

        WriteSlots(w, s, s.Slots, StateLimits.SlotOf(now));
        WriteSlots(w, s, s.HourSlots, StateLimits.HourSlotOf(now));

        var dayNow = StateLimits.DayOf(now);
        w.UInt((ulong)s.DailySpend.Count);
        foreach (var day in s.DailySpend)
        {
            w.Int(Back(dayNow, day.Day));
            w.UInt((ulong)s.Currencies.IndexOf(day.Currency));
            w.Int(day.Count);
            w.Int(day.SumMinor);
        }
    }

    private static void ReadTransactions(ref ByteReader r, AccountRiskState s, long now)
    {
        for (var n = Reserve(s.Currencies, r.Count()); n > 0; n--)
        {
            s.Currencies.Add(r.String());
        }

        for (var n = Reserve(s.RecentTransactions, r.Count()); n > 0; n--)
        {
            var at = At(now, r.Int());
            var amount = r.Int();
            var merchant = r.Fixed64();
            var flags = r.Byte();
            s.RecentTransactions.Add(new AccountRiskState.TxnSample(at, amount, merchant, (flags & 1) != 0, (flags & 2) != 0, Currency(ref r, s)));
        }

        ReadSlots(ref r, s, s.Slots, StateLimits.SlotOf(now));
        ReadSlots(ref r, s, s.HourSlots, StateLimits.HourSlotOf(now));

        var dayNow = StateLimits.DayOf(now);
        for (var n = Reserve(s.DailySpend, r.Count()); n > 0; n--)
        {
            var day = At(dayNow, r.Int());
            s.DailySpend.Add(new AccountRiskState.DaySpend(day, Currency(ref r, s), r.Int(), r.Int()));
        }
    }

    private static void WriteSlots(ByteWriter w, AccountRiskState s, List<AccountRiskState.SpendSlot> slots, long slotNow)
    {
        w.UInt((ulong)slots.Count);
        foreach (var slot in slots)
        {
            w.Int(Back(slotNow, slot.Slot));
            w.UInt((ulong)s.Currencies.IndexOf(slot.Currency));
            w.Int(slot.Count);
            w.Int(slot.Declined);
            w.Int(slot.SpendMinor);
            w.Int(slot.CashAdvanceMinor);
        }
    }

    private static void ReadSlots(ref ByteReader r, AccountRiskState s, List<AccountRiskState.SpendSlot> slots, long slotNow)
    {
        for (var n = Reserve(slots, r.Count()); n > 0; n--)
        {
            var slot = At(slotNow, r.Int());
            slots.Add(new AccountRiskState.SpendSlot(slot, Currency(ref r, s), r.Int32(), r.Int32(), r.Int(), r.Int()));
        }
    }

    private static void WriteBills(ByteWriter w, AccountRiskState s, long now)
    {
        w.UInt((ulong)s.Bills.Count);
        foreach (var (id, b) in s.Bills.OrderBy(b => b.Key, StringComparer.Ordinal))
        {
            w.String(id);
            w.Int(Back(now, b.OccurredAtMs));
            w.Byte((byte)b.State);
            w.Int(b.DaysPastDue);
            w.Int(Back(b.OccurredAtMs, b.DueDateMs));
            w.Int(b.AmountDueMinor);
            w.Int(b.AmountPaidMinor);
        }
    }

    private static void ReadBills(ref ByteReader r, AccountRiskState s, long now)
    {
        for (var n = r.Count(); n > 0; n--)
        {
            var id = r.String();
            var occurred = At(now, r.Int());
            var state = r.Byte();
            if (state > (byte)BillState.Overdue)
            {
                throw new FormatException($"Account state is malformed: bill state {state}.");
            }

            s.Bills[id] = new AccountRiskState.BillSnapshot(occurred, (BillState)state, r.Int32(), At(occurred, r.Int()), r.Int(), r.Int());
        }
    }

    private static string Currency(ref ByteReader r, AccountRiskState s)
    {
        var index = r.UInt();
        return index < (ulong)s.Currencies.Count ? s.Currencies[(int)index] : throw new FormatException($"Account state is malformed: currency #{index}.");
    }

    /// <summary>
    /// Sizes <paramref name="list"/> for <paramref name="count"/> items and the one an event may add before it is pruned
    /// back to its bound, so neither decoding nor the next event grows the list.
    /// </summary>
    private static int Reserve<T>(List<T> list, int count)
    {
        list.EnsureCapacity(count + 1);
        return count;
    }

    /// <summary>Distance back from <paramref name="now"/>; wrapping arithmetic, so any pair of values round-trips.</summary>
    private static long Back(long now, long at) => unchecked(now - at);

    private static long At(long now, long back) => unchecked(now - back);
}
