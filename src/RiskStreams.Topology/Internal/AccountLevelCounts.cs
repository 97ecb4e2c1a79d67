using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskStreams.Risk;
using RiskStreams.Streams.State;

namespace RiskStreams.Topology.Internal;

/// <summary>
/// Accounts per level held by one task's account processor, for the <c>riskstreams_accounts</c> gauge: counted from the
/// account-state store when the processor initializes (after the task's stores are restored, so after a restart or a
/// rebalance the counts are those of the restored state) and kept up to date as decisions move accounts between levels; a
/// closed task's counts leave the gauge. The gauge sums the open tasks of the process. The initial count reads every state of
/// the task once (a full scan, paid at each task assignment).
/// </summary>
internal sealed class AccountLevelCounts
{
    private static readonly string[] Names = ["NORMAL", "WATCH", "RESTRICTED", "SUSPENDED"];
    private static readonly ConcurrentDictionary<AccountLevelCounts, byte> Open = new();
    private readonly long[] _counts = new long[Names.Length];

    private AccountLevelCounts()
    {
    }

    /// <summary>The level's label value (its contract name).</summary>
    public static string Name(RiskLevel level) => Names[Index(level)];

    /// <summary>Counts the accounts in <paramref name="store"/> and adds the task's counts to the gauge.</summary>
    public static AccountLevelCounts Count(IReadOnlyKeyValueStore<string, AccountRiskState> store)
    {
        var counts = new AccountLevelCounts();
        foreach (var (_, state) in store.All())
        {
            counts._counts[Index(state.Level)]++;
        }

        Open.TryAdd(counts, 0);
        return counts;
    }

    /// <summary>An account moved from <paramref name="from"/> (null: new to the task) to <paramref name="to"/>.</summary>
    public void Moved(RiskLevel? from, RiskLevel to)
    {
        if (from == to)
        {
            return;
        }

        if (from is { } previous)
        {
            Interlocked.Decrement(ref _counts[Index(previous)]);
        }

        Interlocked.Increment(ref _counts[Index(to)]);
    }

    /// <summary>Accounts of the task at <paramref name="level"/> now.</summary>
    public long Of(RiskLevel level) => Interlocked.Read(ref _counts[Index(level)]);

    /// <summary>The task closed: its accounts leave the gauge.</summary>
    public void Close() => Open.TryRemove(this, out _);

    /// <summary>The gauge's measurements: every level, summed over the open tasks.</summary>
    public static IEnumerable<Measurement<long>> Observe()
    {
        var totals = new long[Names.Length];
        foreach (var counts in Open.Keys)
        {
            for (var i = 0; i < totals.Length; i++)
            {
                totals[i] += counts.Of((RiskLevel)i);
            }
        }

        return totals.Select((total, i) => new Measurement<long>(total, new KeyValuePair<string, object?>("level", Names[i])));
    }

    private static int Index(RiskLevel level) => Math.Clamp((int)level, 0, Names.Length - 1);
}
