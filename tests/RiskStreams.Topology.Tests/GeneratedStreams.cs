using FsCheck;
using FsCheck.Fluent;
using RiskStreams.Avro.Contracts;

namespace RiskStreams.Topology.Tests;

/// <summary>One generated account event: which account, what happened, and when (strictly increasing over a stream).</summary>
internal sealed record GeneratedEvent(int Index, int Account, int Kind, long TimeMs, int Variant)
{
    public string Id => $"e{Index}";

    public string AccountId => $"acct-{Account}";

    public override string ToString() => $"{Id}:{AccountId}:{Kind}@{TimeMs}";
}

/// <summary>Generators of account event streams over a few accounts, and piping them into a <see cref="RiskTopologyDriver"/>.</summary>
internal static class GeneratedStreams
{
    public const int Kinds = 7;

    /// <summary>5 to 60 events over 3 accounts; gaps mostly seconds, sometimes hours (so cooldown timers fire), never zero.</summary>
    public static Gen<GeneratedEvent[]> Streams { get; } =
        from count in Gen.Choose(5, 60)
        from steps in Gen.ArrayOf(
            from account in Gen.Choose(0, 2)
            from kind in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(4)), (1, Gen.Constant(5)), (1, Gen.Constant(6)))
            from gap in Gen.Frequency((9, Gen.Choose(1, 20_000)), (1, Gen.Choose(1_000_000, 15_000_000)))
            from variant in Gen.Choose(0, 3)
            select (account, kind, gap, variant), count)
        select Build(steps);

    public static void Pipe(RiskTopologyDriver d, GeneratedEvent e)
    {
        var at = RiskTopologyDriver.T0.AddMilliseconds(e.TimeMs);
        switch (e.Kind)
        {
            case 0:
                d.Login(e.AccountId, at, success: false, $"dev-{e.Variant % 2}", e.Id);
                break;
            case 1:
                d.Login(e.AccountId, at, success: true, $"dev-{e.Variant}", e.Id);
                break;
            case 2:
                d.Txn(e.AccountId, at, 99, $"probe-m-{e.Variant}", e.Id);
                break;
            case 3:
                d.Txn(e.AccountId, at, 5_000 + (e.Variant * 1_000), "shop", e.Id);
                break;
            case 4:
                d.Txn(e.AccountId, at, 900_000, "jeweller", e.Id);
                break;
            case 5:
                d.Bill(e.AccountId, at, $"b-{e.Variant % 2}", at.AddDays(-3), BillStatus.OVERDUE, 3, e.Id);
                break;
            default:
                d.Bill(e.AccountId, at, $"b-{e.Variant % 2}", at.AddDays(-3), BillStatus.PAID, 0, e.Id);
                break;
        }
    }

    /// <summary>Pipes <paramref name="events"/> in order, ends the input, and returns every change as a JSON line keyed by changeId.</summary>
    public static List<(string ChangeId, string Json)> Run(RiskTopologyDriver d, IEnumerable<GeneratedEvent> events)
    {
        foreach (var e in events)
        {
            Pipe(d, e);
        }

        d.Flush();
        return Read(d);
    }

    public static List<(string ChangeId, string Json)> Read(RiskTopologyDriver d) =>
        [.. d.Changes.ReadRecordsToList().Select(r => (r.Value.changeId, Internal.AvroJsonWriter.Write(r.Value)))];

    private static GeneratedEvent[] Build((int Account, int Kind, int Gap, int Variant)[] steps)
    {
        var events = new GeneratedEvent[steps.Length];
        long time = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            time += steps[i].Gap;
            events[i] = new GeneratedEvent(i, steps[i].Account, steps[i].Kind, time, steps[i].Variant);
        }

        return events;
    }
}
