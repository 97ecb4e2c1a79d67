using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskStreams.Topology;

namespace RiskStreams.IntegrationTests;

/// <summary>
/// Counts, by stream, the logins and transactions the decider decided without their entity enrichment (the risk meter's
/// <c>riskstreams.risk.entity.enrichment.overdue</c>) while it is alive: a process-wide counter, so tests running beside it add to it.
/// </summary>
internal sealed class OverdueEnrichments : IDisposable
{
    private const string Instrument = "riskstreams.risk.entity.enrichment.overdue";
    private readonly ConcurrentDictionary<string, long> _byStream = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public OverdueEnrichments()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RiskMetrics.MeterName && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var stream = "?";
            foreach (var tag in tags)
            {
                if (tag.Key == "stream")
                {
                    stream = tag.Value as string ?? "?";
                }
            }

            _byStream.AddOrUpdate(stream, value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public override string ToString() =>
        _byStream.IsEmpty ? "none" : string.Join(", ", _byStream.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"));

    public void Dispose() => _listener.Dispose();
}
