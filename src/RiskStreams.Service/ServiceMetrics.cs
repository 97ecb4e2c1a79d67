using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using RiskStreams.Topology;

namespace RiskStreams.Service;

/// <summary>
/// The service's own instruments, on the <c>RiskStreams.Service</c> meter: the policy in force (an info metric), policy
/// reload failures, and whether the instance is ready and live (what <c>/health/ready</c> and <c>/health/live</c> answer).
/// </summary>
internal static class ServiceMetrics
{
    private static readonly Meter Meter = new("RiskStreams.Service");
    private static readonly ConcurrentDictionary<RiskPolicyHolder, byte> Policies = new();
    private static readonly ConcurrentDictionary<Func<HealthReport>, byte> Health = new();

    /// <summary>Prometheus <c>riskstreams_policy_reload_failures_total</c>: policies that failed to load, by <c>source</c> (file, topic).</summary>
    public static readonly Counter<long> PolicyReloadFailures =
        Meter.CreateCounter<long>("riskstreams.policy.reload.failures", null, "Policy reloads refused (invalid or unreadable), by source (file, topic).");

    /// <summary>Prometheus <c>riskstreams_policy_info{version}</c>: 1 for the version in force.</summary>
    public static readonly ObservableGauge<long> PolicyInfo =
        Meter.CreateObservableGauge("riskstreams.policy.info", ObservePolicies, null, "The risk policy version in force (value 1).");

    /// <summary>Prometheus <c>riskstreams_ready</c>: 1 while <c>/health/ready</c> answers 200, else 0.</summary>
    public static readonly ObservableGauge<long> Ready =
        Meter.CreateObservableGauge("riskstreams.ready", () => Health.Keys.Select(h => new Measurement<long>(h().Ready ? 1 : 0)), null,
            "1 while the instance is ready (running, tasks restored, a broker reachable), else 0.");

    /// <summary>Prometheus <c>riskstreams_live</c>: 1 while <c>/health/live</c> answers 200, else 0.</summary>
    public static readonly ObservableGauge<long> Live =
        Meter.CreateObservableGauge("riskstreams.live", () => Health.Keys.Select(h => new Measurement<long>(h().Live ? 1 : 0)), null,
            "1 while the instance has not failed, else 0.");

    /// <summary>Reports <paramref name="holder"/>'s version in the info metric until disposed.</summary>
    public static IDisposable Track(RiskPolicyHolder holder)
    {
        Policies.TryAdd(holder, 0);
        return new Registration(() => Policies.TryRemove(holder, out _));
    }

    /// <summary>Reports <paramref name="health"/> in the readiness and liveness gauges until disposed.</summary>
    public static IDisposable Track(Func<HealthReport> health)
    {
        Health.TryAdd(health, 0);
        return new Registration(() => Health.TryRemove(health, out _));
    }

    private static IEnumerable<Measurement<long>> ObservePolicies() =>
        Policies.Keys.Select(p => p.Current.Version).Distinct(StringComparer.Ordinal)
            .Select(v => new Measurement<long>(1, new KeyValuePair<string, object?>("version", v)));

    private sealed class Registration(Action remove) : IDisposable
    {
        public void Dispose() => remove();
    }
}
