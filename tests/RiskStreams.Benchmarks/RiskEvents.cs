using System.Text;
using Avro.Specific;
using RiskStreams.Avro.Contracts;
using RiskStreams.DevStack;
using RiskStreams.Topology;

namespace RiskStreams.Benchmarks;

/// <summary>Generated risk events, serialized up front with the topology's own serdes (Confluent wire format) so piping them costs the harness nothing.</summary>
internal sealed record RiskEvents(IReadOnlyList<GeneratedEvent> Events, IReadOnlyList<(byte[] Key, byte[] Value)> Serialized, int Accounts)
{
    public static RiskEvents Generate(int count, int accounts)
    {
        var events = new WorkloadGenerator(new WorkloadOptions { Accounts = accounts, Seed = 42 }).Generate().Take(count).ToList();
        return new RiskEvents(events, [], accounts);
    }

    public RiskEvents Serialize(RiskSerdes serdes) => this with
    {
        Serialized = [.. Events.Select(e => (Encoding.UTF8.GetBytes(e.Key), Serialize(serdes, e.Topic, e.Value)))],
    };

    private static byte[] Serialize(RiskSerdes serdes, string topic, ISpecificRecord value) => value switch
    {
        Transaction t => serdes.Transactions.Serialize(topic, t),
        Login l => serdes.Logins.Serialize(topic, l),
        RepaymentSync r => serdes.Repayments.Serialize(topic, r),
        SyncStatus s => serdes.SyncStatus.Serialize(topic, s),
        _ => throw new InvalidOperationException($"No serde for {value.GetType().Name}."),
    } ?? throw new InvalidOperationException($"A {value.GetType().Name} serialized to null.");
}
