using System.Diagnostics.Metrics;
using RiskStreams.Risk;
using RiskStreams.Topology.Internal;
using AvroLevel = RiskStreams.Avro.Contracts.RiskLevel;

namespace RiskStreams.Topology.Tests;

/// <summary>Instruments are process-wide: these tests run alone (no other test decides meanwhile).</summary>
[CollectionDefinition(nameof(RiskMetricsTests), DisableParallelization = true)]
public sealed class RiskMetricsCollection;

/// <summary>The risk pipeline's metrics, read through a <see cref="MeterListener"/> as the Prometheus bridge reads them.</summary>
[Collection(nameof(RiskMetricsTests))]
public sealed class RiskMetricsTests : IClassFixture<RegistryFixture>, IDisposable
{
    private static readonly DateTime T0 = RiskTopologyDriver.T0;
    private readonly RegistryFixture _registry;
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, string> Tags)> _measurements = [];

    public RiskMetricsTests(RegistryFixture registry)
    {
        _registry = registry;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RiskMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void A_change_is_counted_by_previous_level_new_level_and_first_reason_and_decisions_by_stream()
    {
        using var d = new RiskTopologyDriver(_registry.Serdes);
        for (var i = 0; i < 5; i++)
        {
            d.Txn("card-1", T0.AddSeconds(30 * i), 99, $"probe-{i}", $"probe-{i}");
        }

        d.Login("calm-1", T0.AddSeconds(10), success: true, "dev-1");
        d.Flush();

        Assert.Equal(AvroLevel.RESTRICTED, Assert.Single(d.Changes.ReadRecordsToList()).Value.level);
        var change = Assert.Single(Of("riskstreams.level.changes"));
        Assert.Equal((1.0, "RESTRICTED", "NORMAL", "SMALL_TXN_PROBING"), (change.Value, change.Tags["level"], change.Tags["from_level"], change.Tags["reason"]));
        Assert.Equal(5, Of("riskstreams.events.decided").Count(m => m.Tags["stream"] == "transactions"));
        Assert.Equal(1, Of("riskstreams.events.decided").Count(m => m.Tags["stream"] == "logins"));

        // Event time to decision by the processing clock (fixed at 2026-06-01 in the driver).
        var latency = Of("riskstreams.decision.latency").First(m => m.Tags["stream"] == "logins");
        Assert.Equal((new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc) - T0.AddSeconds(10)).TotalSeconds, latency.Value, 3);
    }

    [Fact]
    public void Accounts_per_level_follow_decisions_count_a_restored_store_and_leave_with_the_task()
    {
        var d = new RiskTopologyDriver(_registry.Serdes);
        for (var i = 0; i < 5; i++)
        {
            d.Txn("card-1", T0.AddSeconds(30 * i), 99, $"probe-{i}", $"probe-{i}");
        }

        d.Login("calm-1", T0.AddSeconds(10), success: true, "dev-1");
        d.Login("calm-2", T0.AddSeconds(20), success: true, "dev-2");
        d.Flush();
        Assert.Equal([("NORMAL", 2.0), ("WATCH", 0.0), ("RESTRICTED", 1.0), ("SUSPENDED", 0.0)], Accounts());

        // What a task counts at init from its restored store: the same accounts, read from the store.
        d.Driver.Commit();
        var restored = AccountLevelCounts.Count(d.Driver.GetKeyValueStore<string, AccountRiskState>(RiskStoreNames.AccountState));
        Assert.Equal((2L, 0L, 1L, 0L), (restored.Of(RiskLevel.Normal), restored.Of(RiskLevel.Watch), restored.Of(RiskLevel.Restricted), restored.Of(RiskLevel.Suspended)));
        restored.Close();

        d.Dispose();
        Assert.Equal([("NORMAL", 0.0), ("WATCH", 0.0), ("RESTRICTED", 0.0), ("SUSPENDED", 0.0)], Accounts());
    }

    private List<(string Level, double Count)> Accounts()
    {
        lock (_measurements)
        {
            _measurements.RemoveAll(m => m.Instrument == "riskstreams.accounts");
        }

        _listener.RecordObservableInstruments();
        return [.. Of("riskstreams.accounts").Select(m => (m.Tags["level"], m.Value))];
    }

    private List<(string Instrument, double Value, Dictionary<string, string> Tags)> Of(string instrument)
    {
        lock (_measurements)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            labels[tag.Key] = tag.Value?.ToString() ?? "";
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, labels));
        }
    }
}
