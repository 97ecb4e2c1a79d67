namespace RiskStreams.Risk.Internal;

/// <summary>
/// The v4 section of <see cref="BinaryStateFormat"/>: reviews in force, the change history (oldest first) and the last
/// change's score, reasons (code, weight, evidence) and actions. Instants are stored back from the account's clock;
/// levels, kinds, outcomes and actions as their enum bytes.
/// </summary>
internal static class ReviewStateFormat
{
    public static void Write(ByteWriter w, AccountRiskState s, long now)
    {
        w.UInt((ulong)s.ReviewsInForce.Count);
        foreach (var r in s.ReviewsInForce)
        {
            w.String(r.ReviewId);
            w.Byte((byte)r.Kind);
            w.Byte((byte)r.Outcome);
            w.Byte(r.Level is { } level ? (byte)(level + 1) : (byte)0);
            w.Int(unchecked(now - r.DecidedAtMs));
            w.Int(unchecked(now - r.UntilMs));
            Strings(w, r.SuppressReasons);
        }

        w.UInt((ulong)s.History.Count);
        foreach (var c in s.History)
        {
            w.Int(c.Version);
            w.Byte((byte)c.PreviousLevel);
            w.Byte((byte)c.Level);
            w.Int(c.Score);
            w.Int(unchecked(now - c.EventTimeMs));
            Strings(w, c.ReasonCodes);
            w.OptionalString(c.ReviewId);
            w.String(c.TriggeringStream);
        }

        w.Int(s.LastScore);
        w.UInt((ulong)s.LastReasons.Count);
        foreach (var reason in s.LastReasons)
        {
            w.String(reason.Code);
            w.Int(reason.Weight);
            w.UInt((ulong)reason.Evidence.Count);
            foreach (var (key, value) in reason.Evidence)
            {
                w.String(key);
                w.String(value);
            }
        }

        w.UInt((ulong)s.LastActions.Count);
        foreach (var action in s.LastActions)
        {
            w.Byte((byte)action);
        }
    }

    public static void Read(ref ByteReader r, AccountRiskState s, long now)
    {
        for (var n = r.Count(); n > 0; n--)
        {
            var id = r.String();
            var kind = Enum<ReviewKind>(r.Byte(), "review kind");
            var outcome = Enum<ReviewOutcome>(r.Byte(), "review outcome");
            var levelByte = r.Byte();
            RiskLevel? level = levelByte == 0 ? null : Enum<RiskLevel>((byte)(levelByte - 1), "override level");
            var decided = unchecked(now - r.Int());
            var until = unchecked(now - r.Int());
            s.ReviewsInForce.Add(new ActiveReview(id, kind, outcome, level, decided, until, Strings(ref r)));
        }

        for (var n = r.Count(); n > 0; n--)
        {
            var version = r.Int();
            var previous = Enum<RiskLevel>(r.Byte(), "level");
            var level = Enum<RiskLevel>(r.Byte(), "level");
            var score = r.Int32();
            var at = unchecked(now - r.Int());
            var codes = Strings(ref r);
            s.History.Add(new AccountChange(version, previous, level, score, at, codes, r.OptionalString(), r.String()));
        }

        s.LastScore = r.Int32();
        var reasons = new List<WeightedReason>();
        for (var n = r.Count(); n > 0; n--)
        {
            var code = r.String();
            var weight = r.Int32();
            var evidence = new List<KeyValuePair<string, string>>();
            for (var e = r.Count(); e > 0; e--)
            {
                evidence.Add(KeyValuePair.Create(r.String(), r.String()));
            }

            reasons.Add(new WeightedReason(code, weight, evidence));
        }

        s.LastReasons = reasons;
        var actions = new List<RiskAction>();
        for (var n = r.Count(); n > 0; n--)
        {
            actions.Add(Enum<RiskAction>(r.Byte(), "action"));
        }

        s.LastActions = actions;
    }

    private static void Strings(ByteWriter w, IReadOnlyList<string> values)
    {
        w.UInt((ulong)values.Count);
        foreach (var value in values)
        {
            w.String(value);
        }
    }

    private static List<string> Strings(ref ByteReader r)
    {
        var values = new List<string>();
        for (var n = r.Count(); n > 0; n--)
        {
            values.Add(r.String());
        }

        return values;
    }

    private static T Enum<T>(byte value, string what)
        where T : struct, Enum =>
        System.Enum.IsDefined(typeof(T), (int)value) ? (T)(object)(int)value : throw new FormatException($"Account state is malformed: {what} {value}.");
}
