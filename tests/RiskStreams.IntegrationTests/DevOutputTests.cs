namespace RiskStreams.IntegrationTests;

/// <summary><c>riskstreams dev</c> as a real process: data on stdout, warnings on stderr, dead letters by reason in the summary.</summary>
public sealed class DevOutputTests
{
    [Fact]
    public async Task Dev_writes_warnings_to_stderr_and_counts_dead_letters_by_reason_in_the_summary()
    {
        // Seed 42 with 1000 accounts generates 8 transactions with a negative amount among the first 20,000 events.
        using var process = ServiceProcess.Start("dev --events 20000 --rate 0 --quiet --metrics-port 0", new Dictionary<string, string>());

        Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromMinutes(3)));
        var stdout = process.Stdout.Lines();
        Assert.Equal(
            ["Review console:", "Kafka bootstrap:", "Schema Registry:", "Metrics:", "Output topic:", "Policy:", .. Enumerable.Repeat("crowd:", 7), "dev:"],
            stdout.Select(l => l[..(l.IndexOf(':', StringComparison.Ordinal) + 1)]));
        Assert.Matches(
            @"^dev: 20000 events published and processed, \d+ risk-level changes \(.*\), \d+ caused by reviews, 8 dead letters \(processing/InvalidEventException 8\) in \d+\.\d s$",
            stdout[^1]);
        var warnings = process.Stderr.Lines().Where(l => l.Contains(" warn: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, warnings.Count(l => l.Contains("failed (InvalidEventException), record skipped and went to riskstreams.dlq", StringComparison.Ordinal)));
    }
}
