using System.Globalization;
using System.Text;

namespace RiskStreams.Benchmarks.Compare;

/// <summary>The readable table of a compare run: one row per scenario, records/s as median (min–max), peak RSS, ratio, outputs.</summary>
internal static class CompareTable
{
    public static string Render(IReadOnlyList<ScenarioComparison> results, CompareOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{results.FirstOrDefault()?.Records ?? options.Records} records, {options.Keys} keys, {options.Repetitions} repetitions per engine (interleaved, each run its own process); {Environment.ProcessorCount} cores"));
        text.AppendLine("records/s: median (min-max), end to end = input records / (first output record seen -> last output record seen); start-up = start until the first output record (RiskStreams / Streamiz);");
        text.AppendLine("RSS = peak resident set of the run's own process in MiB (the embedded cluster included end to end); ratio = RiskStreams / Streamiz medians");
        var header = new[] { "scenario", "RiskStreams rec/s", "RSS", "Streamiz rec/s", "RSS", "ratio", "start-up s", "outputs" };
        var rows = results.Select(Row).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        text.AppendLine(Line(header, widths));
        text.AppendLine(string.Join("-|-", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            text.AppendLine(Line(row, widths));
        }

        return text.ToString();
    }

    private static string[] Row(ScenarioComparison c)
    {
        if (c.Pipe is { } pipe)
        {
            return [c.Scenario, Rate(pipe) + " (plain Confluent.Kafka pipe)", Rss(pipe), "", "", "", StartUp(pipe), Invariant($"{pipe.Outputs} written")];
        }

        var streamiz = c.StreamizUnsupported ?? (c.Streamiz is { } s ? Rate(s) : "");
        var outputs = c.OutputsEqual switch
        {
            true => Invariant($"equal ({c.RiskStreams?.Outputs})"),
            false => "DIFFER",
            null => c.RiskStreams?.Outputs is { } n ? Invariant($"{n}") : "",
        };
        return [c.Scenario, c.RiskStreams is { } r ? Rate(r) : "", c.RiskStreams is { } rr ? Rss(rr) : "", streamiz,
            c.Streamiz is { } ss ? Rss(ss) : "", c.Ratio is { } ratio ? Invariant($"{ratio:0.00}x") : "",
            c.RiskStreams?.MedianStartUpSeconds is null ? "" : Invariant($"{StartUp(c.RiskStreams)} / {(c.Streamiz is { } z ? StartUp(z) : "-")}"), outputs];
    }

    private static string Rate(EngineSummary s) => s.MedianRecordsPerSec is { } median
        ? Invariant($"{median:N0} ({s.MinRecordsPerSec:N0}-{s.MaxRecordsPerSec:N0})") + (s.Error is null ? "" : " (some runs failed)")
        : "failed: " + s.Error;

    private static string StartUp(EngineSummary s) => s.MedianStartUpSeconds is { } seconds ? Invariant($"{seconds:0.0}") : "";

    private static string Rss(EngineSummary s) => s.PeakRssMb is { } mb ? Invariant($"{mb:0}") : "";

    private static string Line(string[] cells, int[] widths) => string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
