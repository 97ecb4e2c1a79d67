using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Prometheus;

namespace RiskStreams.Service;

/// <summary>
/// Exports the engine's and the pipeline's <see cref="Meter"/> instruments (meters named
/// <c>RiskStreams.*</c>) as Prometheus metrics: a counter <c>a.b.c</c> becomes <c>a_b_c_total</c>,
/// a histogram <c>a.b</c> in ms becomes <c>a_b_ms</c> (in seconds: <c>a_b_seconds</c>, with buckets from 1 ms to hours), an
/// up-down counter or observable gauge <c>a.b</c> becomes the gauge <c>a_b</c>; tags become labels. An observable gauge's
/// series that a collection no longer reports are removed.
/// </summary>
internal sealed class PrometheusMeterBridge : IDisposable
{
    private static readonly double[] LatencyBuckets = Prometheus.Histogram.ExponentialBuckets(0.25, 2, 16);

    // 1 ms to about 18 h: consume-to-produce latencies are milliseconds, event-time latencies up to the reorder grace and beyond.
    private static readonly double[] SecondsBuckets = Prometheus.Histogram.ExponentialBuckets(0.001, 4, 12);
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, Collector> _collectors = new();
    private readonly IMetricFactory _factory;

    // Label values each observable gauge reported in the current collection; series not reported again are removed
    // (a closed task's store, a revoked partition's lag, a replaced policy version).
    private readonly Dictionary<Gauge, HashSet<string>> _observed = [];
    private bool _observing;
    private bool _disposed;

    public PrometheusMeterBridge(CollectorRegistry registry)
    {
        _factory = Metrics.WithCustomRegistry(registry);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("RiskStreams", StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();

        // Observable instruments (store sizes) are read when Prometheus collects.
        registry.AddBeforeCollectCallback(CollectObservables);
    }

    public void Dispose()
    {
        lock (_observed)
        {
            // The registry keeps this bridge's collect callback (prometheus-net cannot remove one): once disposed it must
            // do nothing, or it would remove, from the collectors it shares with a newer bridge, every series it no longer sees.
            _disposed = true;
            _listener.Dispose();
        }
    }

    private void CollectObservables()
    {
        lock (_observed)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var seen in _observed.Values)
            {
                seen.Clear();
            }

            _observing = true;
            try
            {
                _listener.RecordObservableInstruments();
            }
            finally
            {
                _observing = false;
            }

            foreach (var (gauge, seen) in _observed)
            {
                foreach (var labels in gauge.GetAllLabelValues().ToList())
                {
                    if (!seen.Contains(string.Join('\u0001', labels)))
                    {
                        gauge.RemoveLabelled(labels);
                    }
                }
            }
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var names = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            names[i] = tags[i].Key;
            values[i] = Convert.ToString(tags[i].Value, CultureInfo.InvariantCulture) ?? "";
        }

        var collector = _collectors.GetOrAdd(instrument, i => Create(i, names));
        switch (collector)
        {
            case Counter counter:
                counter.WithLabels(values).Inc(value);
                break;
            case Prometheus.Histogram histogram:
                histogram.WithLabels(values).Observe(value);
                break;
            case Gauge gauge when instrument is UpDownCounter<long> or UpDownCounter<double>:
                gauge.WithLabels(values).Inc(value);
                break;
            case Gauge gauge:
                gauge.WithLabels(values).Set(value);
                if (_observing)
                {
                    // Called from CollectObservables, under its lock.
                    (_observed.TryGetValue(gauge, out var seen) ? seen : _observed[gauge] = new HashSet<string>(StringComparer.Ordinal)).Add(string.Join('\u0001', values));
                }

                break;
        }
    }

    private Collector Create(Instrument instrument, string[] labelNames)
    {
        var baseName = instrument.Name.Replace('.', '_');
        var help = instrument.Description ?? instrument.Name;
        return instrument switch
        {
            Counter<long> or Counter<double> => _factory.CreateCounter($"{baseName}_total", help, labelNames),
            UpDownCounter<long> or UpDownCounter<double> or ObservableGauge<long> or ObservableGauge<double> => _factory.CreateGauge(baseName, help, labelNames),
            _ => _factory.CreateHistogram(instrument.Unit is { Length: > 0 } unit ? $"{baseName}_{unit}" : baseName, help,
                new HistogramConfiguration { LabelNames = labelNames, Buckets = instrument.Unit == "seconds" ? SecondsBuckets : LatencyBuckets }),
        };
    }
}
