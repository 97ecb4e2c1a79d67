using System.Diagnostics;

namespace RiskStreams.Benchmarks;

/// <summary>Process-wide figures: peak working set, rates.</summary>
internal static class ProcessFigures
{
    /// <summary>Peak working set of this process so far in MiB. Process-wide and monotonic: a scenario inherits the peaks of those before it.</summary>
    public static double PeakRssMb()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return Math.Round(process.PeakWorkingSet64 / (1024.0 * 1024.0), 1);
    }

    /// <summary>CPU time this process has used so far, all threads (GC included).</summary>
    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    public static double Rate(long records, TimeSpan elapsed) => Math.Round(records / Math.Max(elapsed.TotalSeconds, 1e-9), 0);

    public static double Seconds(TimeSpan elapsed) => Math.Round(elapsed.TotalSeconds, 3);

    public static double? Ratio(double? value, double? baseline) =>
        value is { } v && baseline is { } b && b > 0 ? Math.Round(v / b, 3) : null;
}
