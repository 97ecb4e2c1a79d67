using RiskStreams.Risk;
using RiskStreams.Streams;
using RiskStreams.Streams.State;
using RiskStreams.Topology.Internal;

namespace RiskStreams.Topology.Tests;

public sealed class AccountStatesTests
{
    [Fact]
    public void Saved_states_reach_the_store_at_its_flush_or_once_too_many_wait()
    {
        var store = Stores.KeyValueStoreBuilder(Stores.InMemoryKeyValueStore(RiskStoreNames.AccountState), Serdes.String, AccountStateSerde.Instance)
            .WithLoggingDisabled().Build();
        var states = new AccountStates(store);
        var first = new AccountRiskState();
        states.Save("a-0", first);

        Assert.True(states.TryGet("a-0", out var seen));
        Assert.Same(first, seen);
        Assert.False(store.TryGet("a-0", out _));

        store.Flush();
        Assert.True(store.TryGet("a-0", out _));

        for (var i = 1; i < AccountStates.MaxDirtyAccounts; i++)
        {
            states.Save($"a-{i}", new AccountRiskState());
        }

        Assert.False(store.TryGet("a-1", out _));
        states.Save($"a-{AccountStates.MaxDirtyAccounts}", new AccountRiskState());
        Assert.Equal(AccountStates.MaxDirtyAccounts + 1, store.ApproximateCount);
    }
}
