namespace RiskStreams.Streams.Tests;

/// <summary>
/// A throughput measurement that only prints figures (never asserts on time); skipped unless the environment variable
/// <c>RISKSTREAMS_PERF=1</c> asks for it, so the regular suite stays fast. Run with
/// <c>RISKSTREAMS_PERF=1 dotnet test tests/RiskStreams.Streams.Tests -c Release --filter Category=Perf --logger "console;verbosity=detailed"</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PerfFactAttribute : FactAttribute
{
    public PerfFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("RISKSTREAMS_PERF") != "1")
        {
            Skip = "Throughput measurement: set RISKSTREAMS_PERF=1 to run it.";
        }
    }
}
